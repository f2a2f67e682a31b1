/* A minimal test harness: CHECK macros that report file, line and values, and a runner that counts failures.
 * Each tests/test_*.c is its own program; `make test` runs them all. */
#ifndef RP_TEST_H
#define RP_TEST_H

#include <stddef.h>
#include <stdint.h>

extern int rp_test_failures;
extern int rp_test_checks;

void rp_test_fail(const char *file, int line, const char *what);
void rp_test_fail_u64(const char *file, int line, const char *what, unsigned long long expected,
                      unsigned long long actual);
void rp_test_fail_bytes(const char *file, int line, const char *what, const uint8_t *expected, size_t expected_len,
                        const uint8_t *actual, size_t actual_len);
int rp_test_bytes_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len);

/* Parses hex ("cd0100", spaces allowed) into out; returns the byte count (aborts the program on bad input). */
size_t rp_test_hex(const char *hex, uint8_t *out, size_t capacity);

/* A small deterministic generator, so failures reproduce. */
uint32_t rp_test_random(uint32_t *state);

/* Runs one test function, printing its name; returns nothing, failures are counted. */
void rp_test_run(const char *name, void (*test)(void));

/* Prints the summary and returns the process exit code. */
int rp_test_summary(const char *suite);

#define RP_RUN(test) rp_test_run(#test, test)

#define CHECK(cond)                                                                                                   \
    do {                                                                                                              \
        rp_test_checks++;                                                                                             \
        if (!(cond)) {                                                                                                \
            rp_test_fail(__FILE__, __LINE__, #cond);                                                                  \
        }                                                                                                             \
    } while (0)

#define CHECK_EQ(expected, actual)                                                                                    \
    do {                                                                                                              \
        unsigned long long rp_e_ = (unsigned long long)(expected);                                                    \
        unsigned long long rp_a_ = (unsigned long long)(actual);                                                      \
        rp_test_checks++;                                                                                             \
        if (rp_e_ != rp_a_) {                                                                                         \
            rp_test_fail_u64(__FILE__, __LINE__, #expected " == " #actual, rp_e_, rp_a_);                             \
        }                                                                                                             \
    } while (0)

#define CHECK_BYTES(expected, expected_len, actual, actual_len)                                                       \
    do {                                                                                                              \
        rp_test_checks++;                                                                                             \
        if (!rp_test_bytes_equal((expected), (expected_len), (actual), (actual_len))) {                               \
            rp_test_fail_bytes(__FILE__, __LINE__, #actual, (expected), (expected_len), (actual), (actual_len));      \
        }                                                                                                             \
    } while (0)

#endif
