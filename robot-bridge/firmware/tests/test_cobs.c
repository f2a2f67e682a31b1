/* Framing: golden frames from the C# FrameEncoder, COBS round trips across the 254/255-byte block boundaries,
 * the in-place encode, and the decoder's drop counting and resynchronisation. */
#include <string.h>

#include "rp_cobs.h"
#include "rp_crc32c.h"
#include "rp_test.h"

#define MAX_PAYLOAD 1100

/* FrameEncoder.Encode of docs/protocol.md's example sensor frame, {v:1, t:"sensor", seq:7, ts_ns:123456789, values:[1, -2.5]}. */
static const char *const golden_sensor_frame =
    "2985a17601a174a673656e736f72a373657107a574735f6e73ce075bcd15a676616c75657392ca3f800104cac020010595e5519800";
/* FrameEncoder.Encode of 00 00 01 00: zeros at the start and the end of the payload. */
static const char *const golden_zeros_frame = "0101020105b0d3c55b00";

/* FrameEncoder.Encode of payloads of n bytes (i % 255) + 1 (no zeros: the longest COBS blocks), as the frame's
 * length and the CRC-32C of its bytes, from the C# side. */
static const struct {
    size_t n;
    size_t frame_length;
    uint32_t frame_crc;
} golden_runs[] = {
    { 0, 6, 0xebadd88eu },     { 1, 7, 0xdc80fc93u },     { 249, 255, 0xd1f62ee3u }, { 250, 257, 0xa8a7fde8u },
    { 251, 258, 0x64321c93u }, { 253, 260, 0x32b80ed5u }, { 254, 261, 0xeb4c481cu }, { 255, 262, 0xa5d66841u },
    { 300, 307, 0xb2bd5096u }, { 508, 516, 0xd06d77f5u }, { 509, 517, 0x3e6f3aa8u },
};

static void fill_run(uint8_t *payload, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        payload[i] = (uint8_t)(i % 255 + 1);
    }
}

static void encodes_the_csharp_golden_frames(void)
{
    uint8_t expected[128], payload[64], frame[128];
    size_t expected_len = rp_test_hex(golden_sensor_frame, expected, sizeof expected);
    /* The payload is the frame's message: the golden message bytes from test_messages, repeated here. */
    size_t payload_len = rp_test_hex(
        "85a17601a174a673656e736f72a373657107a574735f6e73ce075bcd15a676616c75657392ca3f800000cac0200000", payload,
        sizeof payload);
    size_t frame_len = rp_frame_encode(payload, payload_len, frame, sizeof frame);
    CHECK_BYTES(expected, expected_len, frame, frame_len);

    expected_len = rp_test_hex(golden_zeros_frame, expected, sizeof expected);
    payload[0] = 0;
    payload[1] = 0;
    payload[2] = 1;
    payload[3] = 0;
    frame_len = rp_frame_encode(payload, 4, frame, sizeof frame);
    CHECK_BYTES(expected, expected_len, frame, frame_len);
}

static void long_runs_match_the_csharp_frames_at_the_block_boundaries(void)
{
    static uint8_t payload[600], frame[RP_FRAME_MAX_LENGTH(600)];
    size_t i;
    for (i = 0; i < sizeof golden_runs / sizeof golden_runs[0]; i++) {
        size_t len;
        fill_run(payload, golden_runs[i].n);
        len = rp_frame_encode(payload, golden_runs[i].n, frame, sizeof frame);
        CHECK_EQ(golden_runs[i].frame_length, len);
        CHECK_EQ(golden_runs[i].frame_crc, rp_crc32c(frame, len));
    }
}

/* Decodes a whole stream in chunks of the given size (0: all at once), collecting payloads end to end. */
typedef struct {
    uint8_t data[4 * MAX_PAYLOAD];
    size_t length;
    size_t count;
    size_t lengths[32];
} collected;

static void decode_in_chunks(rp_frame_decoder *d, const uint8_t *stream, size_t len, size_t chunk, collected *out)
{
    size_t offset = 0;
    memset(out, 0, sizeof *out);
    while (offset < len) {
        size_t n = chunk == 0 || chunk > len - offset ? len - offset : chunk;
        const uint8_t *in = stream + offset;
        size_t left = n;
        const uint8_t *payload;
        size_t payload_len;
        while (rp_frame_decode(d, &in, &left, &payload, &payload_len)) {
            memcpy(out->data + out->length, payload, payload_len);
            out->length += payload_len;
            if (out->count < 32) {
                out->lengths[out->count] = payload_len;
            }
            out->count++;
        }
        CHECK_EQ(0, left);
        offset += n;
    }
}

static void round_trips_every_length_and_pattern(void)
{
    static uint8_t payload[MAX_PAYLOAD], frame[RP_FRAME_MAX_LENGTH(MAX_PAYLOAD)], rx[MAX_PAYLOAD + RP_CRC_LENGTH];
    static collected got;
    uint32_t state = 7;
    int pattern;
    size_t n, i;
    for (pattern = 0; pattern < 4; pattern++) {
        for (n = 0; n <= MAX_PAYLOAD; n += (n < 520 ? 1 : 97)) {
            rp_frame_decoder d;
            size_t len;
            for (i = 0; i < n; i++) {
                switch (pattern) {
                case 0: payload[i] = (uint8_t)(i % 255 + 1); break;       /* no zeros: full blocks */
                case 1: payload[i] = 0; break;                          /* only zeros: one-byte blocks */
                case 2: payload[i] = (uint8_t)(i % 254 == 253 ? 0 : 0x5A); break; /* a zero right at a block's end */
                default: payload[i] = (uint8_t)rp_test_random(&state); break;
                }
            }
            len = rp_frame_encode(payload, n, frame, sizeof frame);
            CHECK(len > 0 && len <= RP_FRAME_MAX_LENGTH(n));
            CHECK(memchr(frame, 0, len - 1) == NULL);
            CHECK_EQ(0, frame[len - 1]);
            CHECK(rp_frame_decoder_init(&d, rx, sizeof rx));
            decode_in_chunks(&d, frame, len, (n % 5) + (pattern == 3 ? 0 : 1), &got);
            CHECK_EQ(1, got.count);
            CHECK_BYTES(payload, n, got.data, got.length);
            CHECK_EQ(0, rp_frame_decoder_dropped(&d));
        }
    }
}

static void frames_in_place_as_it_does_between_two_buffers(void)
{
    static uint8_t payload[MAX_PAYLOAD], separate[RP_FRAME_MAX_LENGTH(MAX_PAYLOAD)],
        shared[RP_FRAME_MAX_LENGTH(MAX_PAYLOAD)];
    uint32_t state = 99;
    size_t n, i;
    int pattern;
    for (pattern = 0; pattern < 3; pattern++) {
        for (n = 0; n <= MAX_PAYLOAD; n++) {
            size_t offset = RP_FRAME_IN_PLACE_OFFSET(n), a, b;
            for (i = 0; i < n; i++) {
                payload[i] = pattern == 0 ? (uint8_t)0xA5 : pattern == 1 ? (uint8_t)(i % 255 + 1)
                                                                          : (uint8_t)rp_test_random(&state);
            }
            a = rp_frame_encode(payload, n, separate, RP_FRAME_MAX_LENGTH(n));
            memset(shared, 0xEE, sizeof shared);
            memcpy(shared + offset, payload, n);
            b = rp_frame_encode(shared + offset, n, shared, RP_FRAME_MAX_LENGTH(n));
            CHECK_BYTES(separate, a, shared, b);
        }
    }
}

static void refuses_a_destination_too_small_without_writing(void)
{
    uint8_t payload[300], frame[RP_FRAME_MAX_LENGTH(300)];
    size_t need = RP_FRAME_MAX_LENGTH(300);
    fill_run(payload, sizeof payload);
    memset(frame, 0xEE, sizeof frame);
    CHECK_EQ(0, rp_frame_encode(payload, sizeof payload, frame, need - 1));
    CHECK_EQ(0xEE, frame[0]);
    CHECK_EQ(0, rp_frame_encode(payload, sizeof payload, NULL, need));
    CHECK(rp_frame_encode(payload, sizeof payload, frame, need) > 0);
    CHECK_EQ(6, RP_FRAME_MAX_LENGTH(0));
    CHECK_EQ(0, rp_frame_encode(payload, 0, frame, 5));
}

/* Appends the frame of payload to stream, returning the new length. */
static size_t append_frame(uint8_t *stream, size_t at, const uint8_t *payload, size_t n)
{
    return at + rp_frame_encode(payload, n, stream + at, RP_FRAME_MAX_LENGTH(n));
}

static size_t append_bytes(uint8_t *stream, size_t at, const char *hex)
{
    return at + rp_test_hex(hex, stream + at, 64);
}

static void counts_each_kind_of_damage_and_resynchronises(void)
{
    static uint8_t stream[4096], rx[64 + RP_CRC_LENGTH], big[100];
    static collected got;
    const uint8_t good1[] = { 0x11, 0x22, 0x33 }, good2[] = { 0x00, 0x44 }, good3[] = { 0x55 };
    size_t len = 0, chunk, start;
    rp_frame_decoder d;

    memset(big, 0x77, sizeof big);
    /* 1. Noise between delimiters, too short for a CRC: garbage (a lone code byte decodes to nothing at all). */
    len = append_bytes(stream, len, "024100 0100");
    len = append_frame(stream, len, good1, sizeof good1);
    /* 2. A frame cut inside a COBS block (its tail lost): truncated. */
    start = len;
    len = append_frame(stream, len, good2, sizeof good2);
    len = start + 3;
    stream[len++] = 0;
    len = append_frame(stream, len, good2, sizeof good2);
    /* 3. A frame with a data byte changed: bad CRC. */
    start = len;
    len = append_frame(stream, len, good3, sizeof good3);
    stream[start + 1] ^= 0x01; /* 0x55 -> 0x54: still not zero, still the same blocks */
    len = append_frame(stream, len, good3, sizeof good3);
    /* 4. A frame larger than the decoder's buffer: oversized, counted once. */
    len = append_frame(stream, len, big, sizeof big);
    len = append_frame(stream, len, good1, sizeof good1);
    /* 5. Back-to-back delimiters: empty frames, ignored and not counted. */
    len = append_bytes(stream, len, "000000");
    len = append_frame(stream, len, good3, sizeof good3);

    for (chunk = 0; chunk <= 9; chunk++) {
        CHECK(rp_frame_decoder_init(&d, rx, sizeof rx));
        decode_in_chunks(&d, stream, len, chunk, &got);
        CHECK_EQ(5, got.count);
        CHECK_EQ(5, d.frames_decoded);
        CHECK_EQ(2, d.garbage_frames); /* "02 41 00" and "01 00" */
        CHECK_EQ(1, d.truncated_frames);
        CHECK_EQ(1, d.bad_crc_frames);
        CHECK_EQ(1, d.oversized_frames);
        CHECK_EQ(5, rp_frame_decoder_dropped(&d));
        CHECK_EQ(3, got.lengths[0]);
        CHECK_EQ(2, got.lengths[1]);
        CHECK_EQ(1, got.lengths[2]);
        CHECK_EQ(3, got.lengths[3]);
        CHECK_EQ(1, got.lengths[4]);
    }
}

static void accepts_its_largest_payload_and_drops_one_byte_more(void)
{
    uint8_t rx[40 + RP_CRC_LENGTH], payload[41], stream[2 * RP_FRAME_MAX_LENGTH(41)];
    static collected got;
    rp_frame_decoder d;
    size_t len;
    memset(payload, 0x42, sizeof payload);
    len = append_frame(stream, 0, payload, 40);
    len = append_frame(stream, len, payload, 41);
    CHECK(rp_frame_decoder_init(&d, rx, sizeof rx));
    CHECK_EQ(40, rp_frame_decoder_max_payload(&d));
    decode_in_chunks(&d, stream, len, 0, &got);
    CHECK_EQ(1, got.count);
    CHECK_EQ(40, got.length);
    CHECK_EQ(1, d.oversized_frames);
}

static void a_receiver_joining_mid_frame_is_back_in_step_at_the_next_zero(void)
{
    uint8_t rx[64], payload[20], stream[128];
    static collected got;
    rp_frame_decoder d;
    size_t len, cut;
    memset(payload, 0x31, sizeof payload);
    len = append_frame(stream, 0, payload, sizeof payload);
    len = append_frame(stream, len, payload, 5);
    for (cut = 1; cut < RP_FRAME_MAX_LENGTH(sizeof payload) - 1; cut++) {
        CHECK(rp_frame_decoder_init(&d, rx, sizeof rx));
        decode_in_chunks(&d, stream + cut, len - cut, 0, &got);
        CHECK_EQ(1, got.count);
        CHECK_EQ(5, got.length);
        CHECK_EQ(1, rp_frame_decoder_dropped(&d)); /* the tail of the first frame, as one drop of some kind */
    }
}

static void reset_forgets_a_partial_frame_without_counting_it(void)
{
    uint8_t rx[64], payload[10], stream[64];
    const uint8_t *in, *out;
    size_t len, left, out_len;
    rp_frame_decoder d;
    memset(payload, 0x21, sizeof payload);
    len = append_frame(stream, 0, payload, sizeof payload);
    CHECK(rp_frame_decoder_init(&d, rx, sizeof rx));
    in = stream;
    left = 5;
    CHECK(!rp_frame_decode(&d, &in, &left, &out, &out_len));
    rp_frame_decoder_reset(&d);
    in = stream;
    left = len;
    CHECK(rp_frame_decode(&d, &in, &left, &out, &out_len));
    CHECK_BYTES(payload, sizeof payload, out, out_len);
    CHECK_EQ(0, rp_frame_decoder_dropped(&d));
    CHECK(!rp_frame_decoder_init(&d, rx, RP_CRC_LENGTH - 1));
    CHECK(!rp_frame_decoder_init(&d, NULL, 64));
    CHECK(rp_frame_decoder_init(&d, rx, RP_CRC_LENGTH)); /* empty payloads only */
}

int main(void)
{
    RP_RUN(encodes_the_csharp_golden_frames);
    RP_RUN(long_runs_match_the_csharp_frames_at_the_block_boundaries);
    RP_RUN(round_trips_every_length_and_pattern);
    RP_RUN(frames_in_place_as_it_does_between_two_buffers);
    RP_RUN(refuses_a_destination_too_small_without_writing);
    RP_RUN(counts_each_kind_of_damage_and_resynchronises);
    RP_RUN(accepts_its_largest_payload_and_drops_one_byte_more);
    RP_RUN(a_receiver_joining_mid_frame_is_back_in_step_at_the_next_zero);
    RP_RUN(reset_forgets_a_partial_frame_without_counting_it);
    return rp_test_summary("cobs");
}
