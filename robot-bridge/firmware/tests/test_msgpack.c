/* MessagePack: the writer's smallest encoding per range (bytes from the C# MessagePackWriter), the reader's
 * acceptance of every width, floats from either width or an integer, skipping every kind of value, and errors
 * (truncated, wrong type, out of range, malformed) that never read past the buffer. */
#include <string.h>

#include "rp_msgpack.h"
#include "rp_test.h"

/* MessagePackWriter.WriteInt64 (and WriteUInt64 for the last) on the C# side. */
static const struct {
    int64_t value;
    const char *hex;
} golden_ints[] = {
    { 0, "00" },
    { 127, "7f" },
    { 128, "cc80" },
    { 255, "ccff" },
    { 256, "cd0100" },
    { 65535, "cdffff" },
    { 65536, "ce00010000" },
    { 4294967295LL, "ceffffffff" },
    { 4294967296LL, "cf0000000100000000" },
    { INT64_MAX, "cf7fffffffffffffff" },
    { -1, "ff" },
    { -32, "e0" },
    { -33, "d0df" },
    { -128, "d080" },
    { -129, "d1ff7f" },
    { -32768, "d18000" },
    { -32769, "d2ffff7fff" },
    { INT32_MIN, "d280000000" },
    { (int64_t)INT32_MIN - 1, "d3ffffffff7fffffff" },
    { INT64_MIN, "d38000000000000000" },
};

/* WriteStringHeader, WriteArrayHeader and WriteMapHeader on the C# side. */
static const struct {
    uint32_t count;
    const char *str, *array, *map;
} golden_headers[] = {
    { 0, "a0", "90", "80" },
    { 15, "af", "9f", "8f" },
    { 16, "b0", "dc0010", "de0010" },
    { 31, "bf", "dc001f", "de001f" },
    { 32, "d920", "dc0020", "de0020" },
    { 255, "d9ff", "dc00ff", "de00ff" },
    { 256, "da0100", "dc0100", "de0100" },
    { 65535, "daffff", "dcffff", "deffff" },
    { 65536, "db00010000", "dd00010000", "df00010000" },
};

static void writes_integers_in_their_smallest_encoding(void)
{
    uint8_t buffer[16], expected[16];
    size_t i;
    for (i = 0; i < sizeof golden_ints / sizeof golden_ints[0]; i++) {
        rp_mp_writer w;
        size_t n = rp_test_hex(golden_ints[i].hex, expected, sizeof expected);
        rp_mp_writer_init(&w, buffer, sizeof buffer);
        CHECK(rp_mp_write_int(&w, golden_ints[i].value));
        CHECK_BYTES(expected, n, buffer, w.position);
        if (golden_ints[i].value >= 0) {
            rp_mp_writer_init(&w, buffer, sizeof buffer);
            CHECK(rp_mp_write_uint(&w, (uint64_t)golden_ints[i].value));
            CHECK_BYTES(expected, n, buffer, w.position);
        }
    }
    {
        rp_mp_writer w;
        size_t n = rp_test_hex("cfffffffffffffffff", expected, sizeof expected);
        rp_mp_writer_init(&w, buffer, sizeof buffer);
        CHECK(rp_mp_write_uint(&w, UINT64_MAX));
        CHECK_BYTES(expected, n, buffer, w.position);
    }
}

static void writes_headers_in_their_smallest_encoding(void)
{
    static uint8_t buffer[70000];
    static char text[70000];
    uint8_t expected[8];
    size_t i, n;
    memset(text, 'x', sizeof text);
    for (i = 0; i < sizeof golden_headers / sizeof golden_headers[0]; i++) {
        rp_mp_writer w;
        n = rp_test_hex(golden_headers[i].str, expected, sizeof expected);
        rp_mp_writer_init(&w, buffer, sizeof buffer);
        CHECK(rp_mp_write_str(&w, text, golden_headers[i].count));
        CHECK_EQ(n + golden_headers[i].count, w.position);
        CHECK_BYTES(expected, n, buffer, n);
        n = rp_test_hex(golden_headers[i].array, expected, sizeof expected);
        rp_mp_writer_init(&w, buffer, sizeof buffer);
        CHECK(rp_mp_write_array_header(&w, golden_headers[i].count));
        CHECK_BYTES(expected, n, buffer, w.position);
        n = rp_test_hex(golden_headers[i].map, expected, sizeof expected);
        rp_mp_writer_init(&w, buffer, sizeof buffer);
        CHECK(rp_mp_write_map_header(&w, golden_headers[i].count));
        CHECK_BYTES(expected, n, buffer, w.position);
    }
}

static void writes_floats_nil_and_bools(void)
{
    uint8_t buffer[32], expected[32];
    rp_mp_writer w;
    size_t n = rp_test_hex("ca3f800000 cac0200000 cb3ff0000000000000 c0 c3 c2", expected, sizeof expected);
    rp_mp_writer_init(&w, buffer, sizeof buffer);
    CHECK(rp_mp_write_float(&w, 1.0f));
    CHECK(rp_mp_write_float(&w, -2.5f));
    CHECK(rp_mp_write_double(&w, 1.0));
    CHECK(rp_mp_write_nil(&w));
    CHECK(rp_mp_write_bool(&w, true));
    CHECK(rp_mp_write_bool(&w, false));
    CHECK_BYTES(expected, n, buffer, w.position);
}

static void a_value_that_does_not_fit_writes_nothing_and_the_error_sticks(void)
{
    uint8_t buffer[8];
    rp_mp_writer w;
    memset(buffer, 0xEE, sizeof buffer);
    rp_mp_writer_init(&w, buffer, 4);
    CHECK(rp_mp_write_uint(&w, 300)); /* 3 bytes */
    CHECK(!rp_mp_write_float(&w, 1.0f));
    CHECK_EQ(RP_MP_NO_ROOM, w.error);
    CHECK_EQ(3, w.position);
    CHECK_EQ(0xEE, buffer[3]);
    CHECK(!rp_mp_write_nil(&w)); /* would fit, but the message is already broken */
    CHECK_EQ(3, w.position);
    memset(buffer, 0xEE, sizeof buffer);
    rp_mp_writer_init(&w, buffer, 4);
    CHECK(!rp_mp_write_str(&w, "abcd", 4)); /* header + 4 bytes */
    CHECK_EQ(0, w.position);
    CHECK_EQ(0xEE, buffer[0]);
    rp_mp_writer_init(&w, buffer, 2);
    CHECK(!rp_mp_write_array_header(&w, 16));
    CHECK_EQ(0, w.position);
}

/* Reads hex as one value with the given reader function's expectations. */
static rp_mp_reader reader_of(const char *hex, uint8_t *storage, size_t capacity)
{
    rp_mp_reader r;
    rp_mp_reader_init(&r, storage, rp_test_hex(hex, storage, capacity));
    return r;
}

static void reads_integers_of_every_width_whose_value_fits(void)
{
    uint8_t b[16];
    rp_mp_reader r;
    uint64_t u;
    int64_t s;
    uint32_t u32;
    int32_t s32;
    /* 5 as fixint, uint8..uint64 and int8..int64: all read as every type. */
    const char *fives[] = { "05", "cc05", "cd0005", "ce00000005", "cf0000000000000005", "d005", "d10005",
                            "d200000005", "d30000000000000005" };
    size_t i;
    for (i = 0; i < sizeof fives / sizeof fives[0]; i++) {
        r = reader_of(fives[i], b, sizeof b);
        CHECK(rp_mp_read_u64(&r, &u) && u == 5 && rp_mp_reader_at_end(&r));
        r = reader_of(fives[i], b, sizeof b);
        CHECK(rp_mp_read_i64(&r, &s) && s == 5 && rp_mp_reader_at_end(&r));
        r = reader_of(fives[i], b, sizeof b);
        CHECK(rp_mp_read_u32(&r, &u32) && u32 == 5);
        r = reader_of(fives[i], b, sizeof b);
        CHECK(rp_mp_read_i32(&r, &s32) && s32 == 5);
    }
    /* -1 in every signed width. */
    {
        const char *minus_ones[] = { "ff", "d0ff", "d1ffff", "d2ffffffff", "d3ffffffffffffffff" };
        for (i = 0; i < sizeof minus_ones / sizeof minus_ones[0]; i++) {
            r = reader_of(minus_ones[i], b, sizeof b);
            CHECK(rp_mp_read_i64(&r, &s) && s == -1);
            r = reader_of(minus_ones[i], b, sizeof b);
            CHECK(rp_mp_read_i32(&r, &s32) && s32 == -1);
            r = reader_of(minus_ones[i], b, sizeof b);
            CHECK(!rp_mp_read_u64(&r, &u) && r.error == RP_MP_OUT_OF_RANGE && r.position == 0);
        }
    }
    r = reader_of("d38000000000000000", b, sizeof b);
    CHECK(rp_mp_read_i64(&r, &s) && s == INT64_MIN);
    r = reader_of("cfffffffffffffffff", b, sizeof b);
    CHECK(rp_mp_read_u64(&r, &u) && u == UINT64_MAX);
    r = reader_of("cfffffffffffffffff", b, sizeof b);
    CHECK(!rp_mp_read_i64(&r, &s) && r.error == RP_MP_OUT_OF_RANGE);
    r = reader_of("cf8000000000000000", b, sizeof b);
    CHECK(!rp_mp_read_i64(&r, &s) && r.error == RP_MP_OUT_OF_RANGE);
    r = reader_of("ceffffffff", b, sizeof b);
    CHECK(rp_mp_read_u32(&r, &u32) && u32 == UINT32_MAX);
    r = reader_of("cf0000000100000000", b, sizeof b);
    CHECK(!rp_mp_read_u32(&r, &u32) && r.error == RP_MP_OUT_OF_RANGE);
    r = reader_of("ce80000000", b, sizeof b);
    CHECK(!rp_mp_read_i32(&r, &s32) && r.error == RP_MP_OUT_OF_RANGE);
    r = reader_of("d280000000", b, sizeof b);
    CHECK(rp_mp_read_i32(&r, &s32) && s32 == INT32_MIN);
    r = reader_of("d3ffffffff7fffffff", b, sizeof b);
    CHECK(!rp_mp_read_i32(&r, &s32) && r.error == RP_MP_OUT_OF_RANGE);
    r = reader_of("a131", b, sizeof b);
    CHECK(!rp_mp_read_u64(&r, &u) && r.error == RP_MP_WRONG_TYPE && r.error_offset == 0);
    r = reader_of("ca3f800000", b, sizeof b);
    CHECK(!rp_mp_read_i64(&r, &s) && r.error == RP_MP_WRONG_TYPE);
}

static void reads_a_float_from_either_width_or_an_integer(void)
{
    uint8_t b[16];
    rp_mp_reader r;
    float f;
    r = reader_of("ca3f800000", b, sizeof b);
    CHECK(rp_mp_read_float(&r, &f) && f == 1.0f && rp_mp_reader_at_end(&r));
    r = reader_of("cb3ff0000000000000", b, sizeof b);
    CHECK(rp_mp_read_float(&r, &f) && f == 1.0f && rp_mp_reader_at_end(&r));
    r = reader_of("cb3fb999999999999a", b, sizeof b); /* 0.1 as a double rounds to the float nearest 0.1 */
    CHECK(rp_mp_read_float(&r, &f) && f == 0.1f);
    r = reader_of("01", b, sizeof b);
    CHECK(rp_mp_read_float(&r, &f) && f == 1.0f);
    r = reader_of("d0fe", b, sizeof b);
    CHECK(rp_mp_read_float(&r, &f) && f == -2.0f);
    r = reader_of("cfffffffffffffffff", b, sizeof b);
    CHECK(rp_mp_read_float(&r, &f) && f == 18446744073709551616.0f);
    r = reader_of("ce01000001", b, sizeof b); /* 2^24 + 1: rounds to even, as (float)(double) does in C# */
    CHECK(rp_mp_read_float(&r, &f) && f == 16777216.0f);
    r = reader_of("c0", b, sizeof b);
    CHECK(!rp_mp_read_float(&r, &f) && r.error == RP_MP_WRONG_TYPE);
    r = reader_of("ca3f80", b, sizeof b);
    CHECK(!rp_mp_read_float(&r, &f) && r.error == RP_MP_TRUNCATED && r.position == 0);
}

static void reads_strings_and_matches_keys_without_consuming_others(void)
{
    uint8_t b[300];
    rp_mp_reader r;
    const char *s;
    size_t len;
    r = reader_of("a3736571 d903616263 da0003646566 db00000003676869", b, sizeof b);
    CHECK(!rp_mp_try_read_str_equals(&r, "se", 2));
    CHECK(!rp_mp_try_read_str_equals(&r, "seqq", 4));
    CHECK_EQ(0, r.position);
    CHECK(rp_mp_try_read_str_equals(&r, "seq", 3));
    CHECK(rp_mp_try_read_str_equals(&r, "abc", 3)); /* str8 */
    CHECK(rp_mp_read_str(&r, &s, &len) && len == 3 && memcmp(s, "def", 3) == 0); /* str16 */
    CHECK(rp_mp_read_text(&r, &s, &len) && len == 3 && memcmp(s, "ghi", 3) == 0); /* str32 */
    CHECK(rp_mp_reader_at_end(&r));
    CHECK_EQ(RP_MP_OK, r.error);
    r = reader_of("07", b, sizeof b);
    CHECK(!rp_mp_try_read_str_equals(&r, "seq", 3));
    CHECK_EQ(RP_MP_OK, r.error); /* not a string: no error, nothing consumed */
    r = reader_of("a56162", b, sizeof b);
    CHECK(!rp_mp_read_str(&r, &s, &len) && r.error == RP_MP_TRUNCATED);
    r = reader_of("db80000000", b, sizeof b); /* a length beyond 2^31 - 1 */
    CHECK(!rp_mp_read_str(&r, &s, &len) && r.error == RP_MP_MALFORMED);
}

static void text_must_be_valid_utf8(void)
{
    uint8_t b[32];
    rp_mp_reader r;
    const char *s;
    size_t len;
    const char *valid[] = { "a0", "a3e282ac", "a4f09f9880", "a2c3a9", "a3ed9fbf", "a4f48fbfbf" };
    const char *invalid[] = { "a2c080", "a3eda080", "a4f4908080", "a2e282", "a1ff", "a1c2", "a3e08080", "a4f0808080" };
    size_t i;
    for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        r = reader_of(valid[i], b, sizeof b);
        CHECK(rp_mp_read_text(&r, &s, &len));
    }
    for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        r = reader_of(invalid[i], b, sizeof b);
        CHECK(!rp_mp_read_text(&r, &s, &len) && r.error == RP_MP_MALFORMED && r.position == 0);
        r = reader_of(invalid[i], b, sizeof b);
        CHECK(rp_mp_read_str(&r, &s, &len)); /* raw bytes: unchecked */
    }
}

static void headers_refuse_counts_the_buffer_cannot_hold(void)
{
    uint8_t b[16];
    rp_mp_reader r;
    uint32_t n;
    r = reader_of("93 01 02 03", b, sizeof b);
    CHECK(rp_mp_read_array_header(&r, &n) && n == 3);
    r = reader_of("93 01 02", b, sizeof b);
    CHECK(!rp_mp_read_array_header(&r, &n) && r.error == RP_MP_TRUNCATED);
    r = reader_of("dd7fffffff 01", b, sizeof b);
    CHECK(!rp_mp_read_array_header(&r, &n) && r.error == RP_MP_TRUNCATED);
    r = reader_of("82 01 02 03", b, sizeof b);
    CHECK(!rp_mp_read_map_header(&r, &n) && r.error == RP_MP_TRUNCATED);
    r = reader_of("de0001 01 02", b, sizeof b);
    CHECK(rp_mp_read_map_header(&r, &n) && n == 1);
    r = reader_of("90", b, sizeof b);
    CHECK(!rp_mp_read_map_header(&r, &n) && r.error == RP_MP_WRONG_TYPE);
    r = reader_of("dc00", b, sizeof b);
    CHECK(!rp_mp_read_array_header(&r, &n) && r.error == RP_MP_TRUNCATED);
}

static void skips_every_kind_of_value(void)
{
    uint8_t b[256];
    rp_mp_reader r;
    uint64_t u;
    /* An array of: nil, true, -1, uint64, float32, float64, str8, bin8, bin16, fixext1, fixext16, ext8, a nested
     * map holding an array and an empty map, then 7 after the array. */
    r = reader_of("9d c0 c3 ff cf0000000000000001 ca3f800000 cb3ff0000000000000 d9026869 c4020102 c500010a"
                  " d40101 d801000102030405060708090a0b0c0d0e0f c70305010203 81 a161 92 80 90"
                  " 07",
                  b, sizeof b);
    CHECK(rp_mp_skip(&r));
    CHECK(rp_mp_read_u64(&r, &u) && u == 7 && rp_mp_reader_at_end(&r));
    /* Deep nesting is skipped without recursion. */
    {
        size_t depth = 200, i;
        for (i = 0; i < depth; i++) {
            b[i] = 0x91;
        }
        b[depth] = 0x05;
        rp_mp_reader_init(&r, b, depth + 1);
        CHECK(rp_mp_skip(&r) && rp_mp_reader_at_end(&r));
    }
    r = reader_of("c1", b, sizeof b);
    CHECK(!rp_mp_skip(&r) && r.error == RP_MP_WRONG_TYPE);
    r = reader_of("92 01 c1", b, sizeof b);
    CHECK(!rp_mp_skip(&r) && r.error == RP_MP_WRONG_TYPE && r.error_offset == 2 && r.position == 0);
    r = reader_of("c70305 0102", b, sizeof b);
    CHECK(!rp_mp_skip(&r) && r.error == RP_MP_TRUNCATED);
    r = reader_of("c40501", b, sizeof b);
    CHECK(!rp_mp_skip(&r) && r.error == RP_MP_TRUNCATED);
}

static void errors_stick_and_nothing_is_read_past_the_buffer(void)
{
    /* Every proper prefix of a value fails (and the sanitizers would catch a read past the exact-size copy). */
    const char *values[] = { "cf0000000000000005", "d3ffffffffffffffff", "cb3ff0000000000000", "db00000003676869",
                             "c70305010203", "9b c0 c3 ff cf0000000000000001 ca3f800000 c4020102 d40101 81a16192 80 90 01 02 03" };
    uint8_t full[64];
    size_t v;
    for (v = 0; v < sizeof values / sizeof values[0]; v++) {
        size_t n = rp_test_hex(values[v], full, sizeof full), k;
        for (k = 0; k < n; k++) {
            uint8_t exact[64];
            rp_mp_reader r;
            uint64_t u;
            memcpy(exact, full, k);
            rp_mp_reader_init(&r, k == 0 ? NULL : exact, k);
            CHECK(!rp_mp_skip(&r));
            CHECK_EQ(RP_MP_TRUNCATED, r.error);
            CHECK_EQ(0, r.position);
            CHECK(!rp_mp_read_u64(&r, &u)); /* sticky */
        }
        {
            rp_mp_reader r;
            rp_mp_reader_init(&r, full, n);
            CHECK(rp_mp_skip(&r) && rp_mp_reader_at_end(&r));
        }
    }
}

int main(void)
{
    RP_RUN(writes_integers_in_their_smallest_encoding);
    RP_RUN(writes_headers_in_their_smallest_encoding);
    RP_RUN(writes_floats_nil_and_bools);
    RP_RUN(a_value_that_does_not_fit_writes_nothing_and_the_error_sticks);
    RP_RUN(reads_integers_of_every_width_whose_value_fits);
    RP_RUN(reads_a_float_from_either_width_or_an_integer);
    RP_RUN(reads_strings_and_matches_keys_without_consuming_others);
    RP_RUN(text_must_be_valid_utf8);
    RP_RUN(headers_refuse_counts_the_buffer_cannot_hold);
    RP_RUN(skips_every_kind_of_value);
    RP_RUN(errors_stick_and_nothing_is_read_past_the_buffer);
    return rp_test_summary("msgpack");
}
