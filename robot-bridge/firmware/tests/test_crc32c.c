/* CRC-32C: the standard check value, the iSCSI vectors (RFC 3720 B.4) and the C# side's numbers, piecewise
 * updates, and the nibble table against a plain bit-by-bit reference. */
#include <string.h>

#include "rp_crc32c.h"
#include "rp_test.h"

static uint32_t bitwise_crc32c(const uint8_t *data, size_t len)
{
    uint32_t crc = 0xFFFFFFFFu;
    size_t i;
    int bit;
    for (i = 0; i < len; i++) {
        crc ^= data[i];
        for (bit = 0; bit < 8; bit++) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
    }
    return ~crc;
}

static void check_value_and_vectors(void)
{
    uint8_t block[32];
    size_t i;
    CHECK_EQ(0xE3069283u, rp_crc32c((const uint8_t *)"123456789", 9));
    CHECK_EQ(0x00000000u, rp_crc32c(NULL, 0));
    memset(block, 0, sizeof block);
    CHECK_EQ(0x8A9136AAu, rp_crc32c(block, sizeof block));
    memset(block, 0xFF, sizeof block);
    CHECK_EQ(0x62A8AB43u, rp_crc32c(block, sizeof block));
    for (i = 0; i < sizeof block; i++) {
        block[i] = (uint8_t)i;
    }
    CHECK_EQ(0x46DD794Eu, rp_crc32c(block, sizeof block));
}

static void append_equals_whole_at_every_split(void)
{
    const uint8_t *text = (const uint8_t *)"The quick brown fox jumps over the lazy dog";
    size_t len = strlen((const char *)text), split;
    uint32_t whole = rp_crc32c(text, len);
    for (split = 0; split <= len; split++) {
        CHECK_EQ(whole, rp_crc32c_append(rp_crc32c(text, split), text + split, len - split));
    }
}

static void table_matches_bitwise_reference(void)
{
    uint8_t data[1024];
    uint32_t state = 12345;
    size_t i, len;
    for (i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)rp_test_random(&state);
    }
    for (len = 0; len <= sizeof data; len += 37) {
        CHECK_EQ(bitwise_crc32c(data, len), rp_crc32c(data, len));
    }
}

int main(void)
{
    RP_RUN(check_value_and_vectors);
    RP_RUN(append_equals_whole_at_every_split);
    RP_RUN(table_matches_bitwise_reference);
    return rp_test_summary("crc32c");
}
