#include "rp_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rp_test_failures;
int rp_test_checks;

void rp_test_fail(const char *file, int line, const char *what)
{
    rp_test_failures++;
    printf("  FAIL %s:%d: %s\n", file, line, what);
}

void rp_test_fail_u64(const char *file, int line, const char *what, unsigned long long expected,
                      unsigned long long actual)
{
    rp_test_failures++;
    printf("  FAIL %s:%d: %s: expected %llu (0x%llx), got %llu (0x%llx)\n", file, line, what, expected, expected,
           actual, actual);
}

static void rp_test_print_hex(const uint8_t *bytes, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        printf("%02x", bytes[i]);
    }
    printf("\n");
}

void rp_test_fail_bytes(const char *file, int line, const char *what, const uint8_t *expected, size_t expected_len,
                        const uint8_t *actual, size_t actual_len)
{
    rp_test_failures++;
    printf("  FAIL %s:%d: %s differs\n    expected (%zu) ", file, line, what, expected_len);
    rp_test_print_hex(expected, expected_len);
    printf("    actual   (%zu) ", actual_len);
    rp_test_print_hex(actual, actual_len);
}

int rp_test_bytes_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    return a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0);
}

static int rp_test_nibble(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

size_t rp_test_hex(const char *hex, uint8_t *out, size_t capacity)
{
    size_t n = 0;
    while (*hex != '\0') {
        int hi, lo;
        if (*hex == ' ') {
            hex++;
            continue;
        }
        hi = rp_test_nibble(hex[0]);
        lo = hex[1] == '\0' ? -1 : rp_test_nibble(hex[1]);
        if (hi < 0 || lo < 0 || n == capacity) {
            printf("bad hex constant in the test (or too long): %s\n", hex);
            exit(2);
        }
        out[n++] = (uint8_t)(hi * 16 + lo);
        hex += 2;
    }
    return n;
}

uint32_t rp_test_random(uint32_t *state)
{
    /* xorshift32: enough for test data. */
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

void rp_test_run(const char *name, void (*test)(void))
{
    int before = rp_test_failures;
    test();
    printf("%s %s\n", rp_test_failures == before ? "  ok  " : "  FAILED", name);
}

int rp_test_summary(const char *suite)
{
    printf("%s: %d checks, %d failed\n", suite, rp_test_checks, rp_test_failures);
    return rp_test_failures == 0 ? 0 : 1;
}
