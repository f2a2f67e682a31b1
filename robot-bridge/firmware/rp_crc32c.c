#include "rp_crc32c.h"

/* A 16-entry table, one nibble at a time: 64 bytes of flash instead of the 1 KiB of a byte table, and still
 * several times faster than bit by bit. A frame is a few hundred bytes per control cycle, so this is never the
 * bottleneck; a port with a CRC unit or instruction can replace these two functions. Entry i is the CRC register
 * after shifting nibble i through the reflected polynomial 0x82F63B78. */
static const uint32_t rp_crc32c_nibble[16] = {
    0x00000000u, 0x105EC76Fu, 0x20BD8EDEu, 0x30E349B1u, 0x417B1DBCu, 0x5125DAD3u, 0x61C69362u, 0x7198540Du,
    0x82F63B78u, 0x92A8FC17u, 0xA24BB5A6u, 0xB21572C9u, 0xC38D26C4u, 0xD3D3E1ABu, 0xE330A81Au, 0xF36E6F75u,
};

uint32_t rp_crc32c_append(uint32_t crc, const uint8_t *data, size_t len)
{
    uint32_t state = ~crc;
    size_t i;
    for (i = 0; i < len; i++) {
        state ^= data[i];
        state = (state >> 4) ^ rp_crc32c_nibble[state & 0x0Fu];
        state = (state >> 4) ^ rp_crc32c_nibble[state & 0x0Fu];
    }
    return ~state;
}

uint32_t rp_crc32c(const uint8_t *data, size_t len)
{
    return rp_crc32c_append(0u, data, len);
}
