/* Framing for byte streams (a UART): COBS(payload ‖ CRC-32C(payload)) followed by one 0x00.
 *
 * Byte-identical to the C# FrameEncoder/FrameDecoder. The CRC is 4 bytes little-endian over the payload, appended
 * before COBS, so no zero appears inside a frame and a receiver that lost bytes (or started listening mid-stream)
 * is back in step at the next zero. */
#ifndef RP_COBS_H
#define RP_COBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The byte that ends every frame and appears nowhere inside one. */
#define RP_FRAME_DELIMITER 0x00u

/* Bytes of the CRC-32C trailer after the payload. */
#define RP_CRC_LENGTH 4u

/* Most bytes the frame of an n-byte payload takes, delimiter included: COBS adds a code byte per 254 data bytes
 * (one at least), then the delimiter. A constant expression, so it can size static buffers. */
#define RP_FRAME_MAX_LENGTH(n) ((n) + RP_CRC_LENGTH + ((n) + RP_CRC_LENGTH) / 254u + 2u)

/* Where a payload of at most n bytes may sit inside the frame buffer for rp_frame_encode to frame it in place: the
 * encoder's writes stay behind its reads when the payload starts at least this far in. rp_link uses it to need one
 * transmit buffer (RP_FRAME_MAX_LENGTH(n) bytes) instead of a message buffer and a frame buffer. */
#define RP_FRAME_IN_PLACE_OFFSET(n) (1u + (n) / 254u)

/* Writes the frame of payload (len bytes) into dst (dst_size bytes, at least RP_FRAME_MAX_LENGTH(len)) and returns
 * the frame's length, delimiter included; returns 0 and writes nothing when dst is too small. payload may lie
 * inside dst itself when it starts RP_FRAME_IN_PLACE_OFFSET(len) bytes or more after dst (the in-place send);
 * any other overlap is undefined. */
size_t rp_frame_encode(const uint8_t *payload, size_t len, uint8_t *dst, size_t dst_size);

/* Turns a byte stream, fed in whatever chunks the UART driver delivers, back into payloads. A frame may span
 * several chunks and one chunk may hold several frames. Bad frames are dropped and counted by kind (the same
 * kinds, counted the same way, as the C# FrameDecoder), never reported as errors: a serial line delivers noise.
 * The caller owns the buffer; nothing is allocated. Treat the fields as private; read the counters. */
typedef struct rp_frame_decoder {
    uint8_t *frame;          /* caller's buffer: payload and CRC of the frame being received */
    size_t capacity;         /* its size: the largest payload accepted is capacity - RP_CRC_LENGTH */
    size_t length;           /* bytes decoded so far into frame */
    unsigned block_remaining; /* data bytes left in the current COBS block */
    bool zero_before_next_block; /* the current block, unless full, stands for a trailing zero */
    bool in_frame;           /* a non-delimiter byte arrived since the last delimiter */
    bool discarding;         /* the frame outgrew the buffer: skipping to its delimiter */

    uint32_t frames_decoded;   /* frames delivered intact */
    uint32_t oversized_frames; /* longer than the largest payload: dropped up to the next delimiter */
    uint32_t truncated_frames; /* ended before their last COBS block did: bytes were lost on the line */
    uint32_t bad_crc_frames;   /* well-formed but the CRC-32C does not match: bytes were changed on the line */
    uint32_t garbage_frames;   /* too short to hold even a CRC between two delimiters: line noise */
} rp_frame_decoder;

/* Sets up d over buffer (buffer_size bytes: the largest payload accepted plus RP_CRC_LENGTH). Returns false, and
 * leaves d unusable, when buffer is NULL or holds less than a CRC. */
bool rp_frame_decoder_init(rp_frame_decoder *d, uint8_t *buffer, size_t buffer_size);

/* The largest payload d accepts. */
size_t rp_frame_decoder_max_payload(const rp_frame_decoder *d);

/* Consumes *input (*input_len bytes) up to and including the end of the next complete frame and returns true with
 * its payload in *payload / *payload_len (pointing into d's buffer, valid until the next call), or consumes all of
 * it and returns false. *input and *input_len are advanced past what was consumed: call again until it returns
 * false. */
bool rp_frame_decode(rp_frame_decoder *d, const uint8_t **input, size_t *input_len, const uint8_t **payload,
                     size_t *payload_len);

/* Forgets a partly received frame (after reopening a port, say) without counting it. Counters are kept. */
void rp_frame_decoder_reset(rp_frame_decoder *d);

/* Every frame dropped, of whatever kind. */
uint32_t rp_frame_decoder_dropped(const rp_frame_decoder *d);

#ifdef __cplusplus
}
#endif

#endif
