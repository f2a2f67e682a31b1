#include "rp_cobs.h"

#include <string.h>

#include "rp_crc32c.h"

/* Consistent Overhead Byte Stuffing, written forward: each block is a code byte n then n-1 non-zero bytes,
 * standing for those bytes followed by a zero (except after a full block, n = 0xFF, and after the last block).
 * The code byte's slot is reserved when a block opens and filled when it closes, so the encoder never looks
 * ahead and never writes ahead of what it has read (which is what makes the in-place send safe). */
typedef struct {
    uint8_t *dst;
    size_t code_index;
    size_t write;
    uint8_t code;
} rp_cobs_writer;

static void rp_cobs_close_block(rp_cobs_writer *w)
{
    w->dst[w->code_index] = w->code;
    w->code_index = w->write++;
    w->code = 1;
}

static void rp_cobs_append(rp_cobs_writer *w, const uint8_t *data, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        /* Read before writing: in place, the write may land on this very byte. */
        uint8_t b = data[i];
        if (b == 0) {
            rp_cobs_close_block(w);
            continue;
        }
        w->dst[w->write++] = b;
        if (++w->code == 0xFF) {
            rp_cobs_close_block(w);
        }
    }
}

size_t rp_frame_encode(const uint8_t *payload, size_t len, uint8_t *dst, size_t dst_size)
{
    uint8_t trailer[RP_CRC_LENGTH];
    uint32_t crc;
    rp_cobs_writer w;

    /* The check is written so that it cannot overflow for any len (the macro would, near SIZE_MAX). */
    if (dst == NULL || (payload == NULL && len != 0) || len > dst_size || dst_size - len < RP_CRC_LENGTH + 2u
        || dst_size - len - (RP_CRC_LENGTH + 2u) < (len + RP_CRC_LENGTH) / 254u) {
        return 0;
    }
    crc = rp_crc32c(payload, len);
    trailer[0] = (uint8_t)crc;
    trailer[1] = (uint8_t)(crc >> 8);
    trailer[2] = (uint8_t)(crc >> 16);
    trailer[3] = (uint8_t)(crc >> 24);

    w.dst = dst;
    w.code_index = 0;
    w.write = 1;
    w.code = 1;
    rp_cobs_append(&w, payload, len);
    rp_cobs_append(&w, trailer, sizeof trailer);
    dst[w.code_index] = w.code;
    dst[w.write++] = RP_FRAME_DELIMITER;
    return w.write;
}

bool rp_frame_decoder_init(rp_frame_decoder *d, uint8_t *buffer, size_t buffer_size)
{
    if (d == NULL) {
        return false;
    }
    memset(d, 0, sizeof *d);
    if (buffer == NULL || buffer_size < RP_CRC_LENGTH) {
        return false;
    }
    d->frame = buffer;
    d->capacity = buffer_size;
    return true;
}

size_t rp_frame_decoder_max_payload(const rp_frame_decoder *d)
{
    return d->capacity - RP_CRC_LENGTH;
}

void rp_frame_decoder_reset(rp_frame_decoder *d)
{
    d->length = 0;
    d->block_remaining = 0;
    d->zero_before_next_block = false;
    d->in_frame = false;
    d->discarding = false;
}

uint32_t rp_frame_decoder_dropped(const rp_frame_decoder *d)
{
    return d->oversized_frames + d->truncated_frames + d->bad_crc_frames + d->garbage_frames;
}

static void rp_frame_store(rp_frame_decoder *d, uint8_t b)
{
    if (d->discarding) {
        return;
    }
    if (d->length == d->capacity) {
        /* Counted once, now; the rest of the frame is skipped without buffering it. */
        d->oversized_frames++;
        d->discarding = true;
        return;
    }
    d->frame[d->length++] = b;
}

static uint32_t rp_read_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* A delimiter arrived: classifies the frame it ends, in the C# decoder's order, and resets for the next. */
static bool rp_frame_end(rp_frame_decoder *d, const uint8_t **payload, size_t *payload_len)
{
    bool discarding = d->discarding;
    bool in_frame = d->in_frame;
    bool block_incomplete = d->block_remaining > 0;
    size_t length = d->length;
    rp_frame_decoder_reset(d);

    if (discarding || !in_frame) {
        /* Already counted, or an empty frame (back-to-back delimiters), which senders may use to resynchronise. */
        return false;
    }
    if (block_incomplete) {
        d->truncated_frames++;
        return false;
    }
    if (length < RP_CRC_LENGTH) {
        d->garbage_frames++;
        return false;
    }
    if (rp_read_le32(d->frame + length - RP_CRC_LENGTH) != rp_crc32c(d->frame, length - RP_CRC_LENGTH)) {
        d->bad_crc_frames++;
        return false;
    }
    d->frames_decoded++;
    *payload = d->frame;
    *payload_len = length - RP_CRC_LENGTH;
    return true;
}

bool rp_frame_decode(rp_frame_decoder *d, const uint8_t **input, size_t *input_len, const uint8_t **payload,
                     size_t *payload_len)
{
    const uint8_t *in = *input;
    size_t left = *input_len;
    bool done = false;

    *payload = NULL;
    *payload_len = 0;
    while (left > 0 && !done) {
        uint8_t b;
        if (d->discarding) {
            /* Nothing of an oversized frame is kept: jump straight to its delimiter. */
            const uint8_t *end = (const uint8_t *)memchr(in, RP_FRAME_DELIMITER, left);
            if (end == NULL) {
                in += left;
                left = 0;
                break;
            }
            left -= (size_t)(end - in);
            in = end;
        }
        b = *in++;
        left--;
        if (b == RP_FRAME_DELIMITER) {
            done = rp_frame_end(d, payload, payload_len);
            continue;
        }
        d->in_frame = true;
        if (d->block_remaining == 0) {
            /* A code byte: the block before it (if any, and unless it was full) stood for a trailing zero. */
            if (d->zero_before_next_block) {
                rp_frame_store(d, 0);
            }
            d->block_remaining = (unsigned)b - 1u;
            d->zero_before_next_block = b != 0xFF;
        } else {
            rp_frame_store(d, b);
            d->block_remaining--;
        }
    }
    *input = in;
    *input_len = left;
    return done;
}
