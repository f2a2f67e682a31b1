/* CRC-32C (Castagnoli), the check on every frame the robot bridge sends.
 *
 * Reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF: the same numbers as the C# side's
 * Crc32C (and iSCSI, ext4, SCTP), so "123456789" gives 0xE3069283. */
#ifndef RP_CRC32C_H
#define RP_CRC32C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The CRC-32C of len bytes at data (data may be NULL when len is 0). */
uint32_t rp_crc32c(const uint8_t *data, size_t len);

/* Continues crc, the CRC of earlier bytes, over more: rp_crc32c_append(rp_crc32c(a), b) == rp_crc32c(a ‖ b), so a
 * frame can be checked as it arrives or in pieces. */
uint32_t rp_crc32c_append(uint32_t crc, const uint8_t *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
