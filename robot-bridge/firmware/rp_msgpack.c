#include "rp_msgpack.h"

#include <string.h>

/* Floats travel as IEEE 754 bit patterns, copied through memcpy; a target whose float is not binary32 (or whose
 * double is not binary64) cannot use this file as it is, and fails to compile here rather than misread values. */
typedef char rp_mp_float_is_32_bits[sizeof(float) == 4 ? 1 : -1];
typedef char rp_mp_double_is_64_bits[sizeof(double) == 8 ? 1 : -1];

/* Format bytes of the spec. */
enum {
    RP_MP_MAX_POSITIVE_FIXINT = 0x7f,
    RP_MP_MIN_FIXMAP = 0x80,
    RP_MP_MAX_FIXMAP = 0x8f,
    RP_MP_MIN_FIXARRAY = 0x90,
    RP_MP_MAX_FIXARRAY = 0x9f,
    RP_MP_MIN_FIXSTR = 0xa0,
    RP_MP_MAX_FIXSTR = 0xbf,
    RP_MP_NIL = 0xc0,
    RP_MP_NEVER_USED = 0xc1,
    RP_MP_FALSE = 0xc2,
    RP_MP_TRUE = 0xc3,
    RP_MP_BIN8 = 0xc4,
    RP_MP_BIN16 = 0xc5,
    RP_MP_BIN32 = 0xc6,
    RP_MP_EXT8 = 0xc7,
    RP_MP_EXT16 = 0xc8,
    RP_MP_EXT32 = 0xc9,
    RP_MP_FLOAT32 = 0xca,
    RP_MP_FLOAT64 = 0xcb,
    RP_MP_UINT8 = 0xcc,
    RP_MP_UINT16 = 0xcd,
    RP_MP_UINT32 = 0xce,
    RP_MP_UINT64 = 0xcf,
    RP_MP_INT8 = 0xd0,
    RP_MP_INT16 = 0xd1,
    RP_MP_INT32 = 0xd2,
    RP_MP_INT64 = 0xd3,
    RP_MP_FIXEXT1 = 0xd4,
    RP_MP_FIXEXT2 = 0xd5,
    RP_MP_FIXEXT4 = 0xd6,
    RP_MP_FIXEXT8 = 0xd7,
    RP_MP_FIXEXT16 = 0xd8,
    RP_MP_STR8 = 0xd9,
    RP_MP_STR16 = 0xda,
    RP_MP_STR32 = 0xdb,
    RP_MP_ARRAY16 = 0xdc,
    RP_MP_ARRAY32 = 0xdd,
    RP_MP_MAP16 = 0xde,
    RP_MP_MAP32 = 0xdf,
    RP_MP_MIN_NEGATIVE_FIXINT = 0xe0
};

/* ---- writing ---- */

void rp_mp_writer_init(rp_mp_writer *w, uint8_t *buffer, size_t capacity)
{
    w->buffer = buffer;
    w->capacity = buffer == NULL ? 0 : capacity;
    w->position = 0;
    w->error = RP_MP_OK;
}

/* The next n bytes, now counted as written; NULL (and the sticky error) when they do not fit, so a value is
 * written whole or not at all. */
static uint8_t *rp_mp_reserve(rp_mp_writer *w, size_t n)
{
    uint8_t *span;
    if (w->error != RP_MP_OK) {
        return NULL;
    }
    if (n > w->capacity - w->position) {
        w->error = RP_MP_NO_ROOM;
        return NULL;
    }
    span = w->buffer + w->position;
    w->position += n;
    return span;
}

static void rp_mp_put_be(uint8_t *p, uint64_t value, unsigned bytes)
{
    unsigned i;
    for (i = 0; i < bytes; i++) {
        p[i] = (uint8_t)(value >> (8u * (bytes - 1u - i)));
    }
}

/* A format byte and a big-endian body of 0, 1, 2, 4 or 8 bytes. */
static bool rp_mp_put(rp_mp_writer *w, uint8_t code, uint64_t body, unsigned body_bytes)
{
    uint8_t *span = rp_mp_reserve(w, 1u + body_bytes);
    if (span == NULL) {
        return false;
    }
    span[0] = code;
    rp_mp_put_be(span + 1, body, body_bytes);
    return true;
}

bool rp_mp_write_nil(rp_mp_writer *w)
{
    return rp_mp_put(w, RP_MP_NIL, 0, 0);
}

bool rp_mp_write_bool(rp_mp_writer *w, bool value)
{
    return rp_mp_put(w, value ? RP_MP_TRUE : RP_MP_FALSE, 0, 0);
}

bool rp_mp_write_uint(rp_mp_writer *w, uint64_t value)
{
    if (value <= RP_MP_MAX_POSITIVE_FIXINT) {
        return rp_mp_put(w, (uint8_t)value, 0, 0);
    }
    if (value <= 0xFFu) {
        return rp_mp_put(w, RP_MP_UINT8, value, 1);
    }
    if (value <= 0xFFFFu) {
        return rp_mp_put(w, RP_MP_UINT16, value, 2);
    }
    if (value <= 0xFFFFFFFFu) {
        return rp_mp_put(w, RP_MP_UINT32, value, 4);
    }
    return rp_mp_put(w, RP_MP_UINT64, value, 8);
}

bool rp_mp_write_int(rp_mp_writer *w, int64_t value)
{
    /* Two's complement bits of the value, for the big-endian body (conversion to unsigned is well defined). */
    uint64_t bits = (uint64_t)value;
    if (value >= 0) {
        return rp_mp_write_uint(w, bits);
    }
    if (value >= -32) {
        return rp_mp_put(w, (uint8_t)bits, 0, 0);
    }
    if (value >= INT8_MIN) {
        return rp_mp_put(w, RP_MP_INT8, bits, 1);
    }
    if (value >= INT16_MIN) {
        return rp_mp_put(w, RP_MP_INT16, bits, 2);
    }
    if (value >= INT32_MIN) {
        return rp_mp_put(w, RP_MP_INT32, bits, 4);
    }
    return rp_mp_put(w, RP_MP_INT64, bits, 8);
}

bool rp_mp_write_float(rp_mp_writer *w, float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return rp_mp_put(w, RP_MP_FLOAT32, bits, 4);
}

bool rp_mp_write_double(rp_mp_writer *w, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return rp_mp_put(w, RP_MP_FLOAT64, bits, 8);
}

/* A length-prefixed header: the fix form when count is below fix_limit, else the 8-bit (when code8 is not 0),
 * 16-bit or 32-bit form; extra is the bytes that must fit after the header (a str's data). */
static uint8_t *rp_mp_reserve_header(rp_mp_writer *w, uint32_t count, uint32_t fix_limit, uint8_t fix_base,
                                     uint8_t code8, uint8_t code16, uint8_t code32, size_t extra)
{
    unsigned body;
    uint8_t code;
    uint8_t *span;
    if (count < fix_limit) {
        code = (uint8_t)(fix_base | count);
        body = 0;
    } else if (code8 != 0 && count <= 0xFFu) {
        code = code8;
        body = 1;
    } else if (count <= 0xFFFFu) {
        code = code16;
        body = 2;
    } else {
        code = code32;
        body = 4;
    }
    if (w->error != RP_MP_OK) {
        return NULL;
    }
    if (extra > w->capacity - w->position || 1u + body > w->capacity - w->position - extra) {
        w->error = RP_MP_NO_ROOM;
        return NULL;
    }
    span = rp_mp_reserve(w, 1u + body + extra);
    span[0] = code;
    rp_mp_put_be(span + 1, count, body);
    return span + 1 + body;
}

bool rp_mp_write_str(rp_mp_writer *w, const char *utf8, size_t len)
{
    uint8_t *data;
    if (len > 0xFFFFFFFFu || (utf8 == NULL && len != 0)) {
        if (w->error == RP_MP_OK) {
            w->error = RP_MP_NO_ROOM;
        }
        return false;
    }
    data = rp_mp_reserve_header(w, (uint32_t)len, 32, RP_MP_MIN_FIXSTR, RP_MP_STR8, RP_MP_STR16, RP_MP_STR32, len);
    if (data == NULL) {
        return false;
    }
    if (len != 0) {
        memcpy(data, utf8, len);
    }
    return true;
}

bool rp_mp_write_array_header(rp_mp_writer *w, uint32_t count)
{
    return rp_mp_reserve_header(w, count, 16, RP_MP_MIN_FIXARRAY, 0, RP_MP_ARRAY16, RP_MP_ARRAY32, 0) != NULL;
}

bool rp_mp_write_map_header(rp_mp_writer *w, uint32_t count)
{
    return rp_mp_reserve_header(w, count, 16, RP_MP_MIN_FIXMAP, 0, RP_MP_MAP16, RP_MP_MAP32, 0) != NULL;
}

/* ---- reading ---- */

void rp_mp_reader_init(rp_mp_reader *r, const uint8_t *buffer, size_t length)
{
    r->buffer = buffer;
    r->length = buffer == NULL ? 0 : length;
    r->position = 0;
    r->error = RP_MP_OK;
    r->error_offset = 0;
}

bool rp_mp_reader_at_end(const rp_mp_reader *r)
{
    return r->position >= r->length;
}

static bool rp_mp_fail(rp_mp_reader *r, rp_mp_error error, size_t offset)
{
    r->error = error;
    r->error_offset = offset;
    return false;
}

/* The format byte of the next value, or false (and the error) at the end of the buffer or after an error. */
static bool rp_mp_peek(rp_mp_reader *r, uint8_t *code)
{
    if (r->error != RP_MP_OK) {
        return false;
    }
    if (r->position >= r->length) {
        return rp_mp_fail(r, RP_MP_TRUNCATED, r->position);
    }
    *code = r->buffer[r->position];
    return true;
}

/* Bytes of the buffer from offset on. */
static size_t rp_mp_left(const rp_mp_reader *r, size_t offset)
{
    return offset >= r->length ? 0 : r->length - offset;
}

static uint64_t rp_mp_get_be(const uint8_t *p, unsigned bytes)
{
    uint64_t value = 0;
    unsigned i;
    for (i = 0; i < bytes; i++) {
        value = (value << 8) | p[i];
    }
    return value;
}

/* A big-endian number of `bytes` bytes right after the format byte at start; false (truncated) past the end. */
static bool rp_mp_body(rp_mp_reader *r, size_t start, unsigned bytes, uint64_t *value)
{
    if (bytes > rp_mp_left(r, start + 1)) {
        return rp_mp_fail(r, RP_MP_TRUNCATED, start);
    }
    *value = rp_mp_get_be(r->buffer + start + 1, bytes);
    return true;
}

/* A length field of 1, 2 or 4 bytes after the format byte; beyond 2^31 - 1 is refused as C# refuses it. */
static bool rp_mp_length(rp_mp_reader *r, size_t start, unsigned bytes, uint32_t *length)
{
    uint64_t value;
    if (!rp_mp_body(r, start, bytes, &value)) {
        return false;
    }
    if (value > 0x7FFFFFFFu) {
        return rp_mp_fail(r, RP_MP_MALFORMED, start);
    }
    *length = (uint32_t)value;
    return true;
}

/* An integer of any format: negative ones in *s (with *negative set), the others in *u; *size its encoded size. */
typedef struct {
    bool negative;
    uint64_t u;
    int64_t s;
} rp_mp_integer;

static int64_t rp_mp_sign_extend(uint64_t bits, unsigned bytes)
{
    /* Two's complement from `bytes` bytes, without relying on implementation-defined conversions. */
    uint64_t sign = (uint64_t)1 << (8u * bytes - 1u);
    if ((bits & sign) == 0) {
        return (int64_t)bits;
    }
    if (bytes == 8) {
        /* -(2^64 - bits), computed in range: bits >= 2^63 here. */
        return -(int64_t)(~bits) - 1;
    }
    return (int64_t)bits - (int64_t)(sign << 1);
}

static bool rp_mp_integer_at(rp_mp_reader *r, size_t start, uint8_t code, rp_mp_integer *value, size_t *size)
{
    uint64_t body;
    unsigned bytes;
    bool is_signed;
    if (code <= RP_MP_MAX_POSITIVE_FIXINT) {
        value->negative = false;
        value->u = code;
        *size = 1;
        return true;
    }
    if (code >= RP_MP_MIN_NEGATIVE_FIXINT) {
        value->negative = true;
        value->s = (int64_t)code - 256;
        *size = 1;
        return true;
    }
    switch (code) {
    case RP_MP_UINT8: bytes = 1; is_signed = false; break;
    case RP_MP_UINT16: bytes = 2; is_signed = false; break;
    case RP_MP_UINT32: bytes = 4; is_signed = false; break;
    case RP_MP_UINT64: bytes = 8; is_signed = false; break;
    case RP_MP_INT8: bytes = 1; is_signed = true; break;
    case RP_MP_INT16: bytes = 2; is_signed = true; break;
    case RP_MP_INT32: bytes = 4; is_signed = true; break;
    case RP_MP_INT64: bytes = 8; is_signed = true; break;
    default: return rp_mp_fail(r, RP_MP_WRONG_TYPE, start);
    }
    if (!rp_mp_body(r, start, bytes, &body)) {
        return false;
    }
    *size = 1u + bytes;
    if (is_signed) {
        int64_t s = rp_mp_sign_extend(body, bytes);
        value->negative = s < 0;
        value->s = s;
        value->u = s < 0 ? 0 : (uint64_t)s;
    } else {
        value->negative = false;
        value->u = body;
    }
    return true;
}

static bool rp_mp_is_integer_code(uint8_t code)
{
    return code <= RP_MP_MAX_POSITIVE_FIXINT || code >= RP_MP_MIN_NEGATIVE_FIXINT
        || (code >= RP_MP_UINT8 && code <= RP_MP_INT64);
}

/* Reads an integer and checks it lies in [min, max] (min <= 0 <= max); out of range leaves the position. */
static bool rp_mp_read_signed(rp_mp_reader *r, int64_t min, int64_t max, int64_t *out)
{
    size_t start = r->position;
    size_t size;
    uint8_t code;
    rp_mp_integer value;
    if (!rp_mp_peek(r, &code) || !rp_mp_integer_at(r, start, code, &value, &size)) {
        return false;
    }
    if (value.negative ? value.s < min : value.u > (uint64_t)max) {
        return rp_mp_fail(r, RP_MP_OUT_OF_RANGE, start);
    }
    *out = value.negative ? value.s : (int64_t)value.u;
    r->position = start + size;
    return true;
}

static bool rp_mp_read_unsigned(rp_mp_reader *r, uint64_t max, uint64_t *out)
{
    size_t start = r->position;
    size_t size;
    uint8_t code;
    rp_mp_integer value;
    if (!rp_mp_peek(r, &code) || !rp_mp_integer_at(r, start, code, &value, &size)) {
        return false;
    }
    if (value.negative || value.u > max) {
        return rp_mp_fail(r, RP_MP_OUT_OF_RANGE, start);
    }
    *out = value.u;
    r->position = start + size;
    return true;
}

bool rp_mp_read_u64(rp_mp_reader *r, uint64_t *value)
{
    return rp_mp_read_unsigned(r, UINT64_MAX, value);
}

bool rp_mp_read_u32(rp_mp_reader *r, uint32_t *value)
{
    uint64_t wide;
    if (!rp_mp_read_unsigned(r, UINT32_MAX, &wide)) {
        return false;
    }
    *value = (uint32_t)wide;
    return true;
}

bool rp_mp_read_i64(rp_mp_reader *r, int64_t *value)
{
    return rp_mp_read_signed(r, INT64_MIN, INT64_MAX, value);
}

bool rp_mp_read_i32(rp_mp_reader *r, int32_t *value)
{
    int64_t wide;
    if (!rp_mp_read_signed(r, INT32_MIN, INT32_MAX, &wide)) {
        return false;
    }
    *value = (int32_t)wide;
    return true;
}

bool rp_mp_try_read_nil(rp_mp_reader *r)
{
    uint8_t code;
    if (!rp_mp_peek(r, &code) || code != RP_MP_NIL) {
        return false;
    }
    r->position++;
    return true;
}

bool rp_mp_read_bool(rp_mp_reader *r, bool *value)
{
    uint8_t code;
    if (!rp_mp_peek(r, &code)) {
        return false;
    }
    if (code != RP_MP_TRUE && code != RP_MP_FALSE) {
        return rp_mp_fail(r, RP_MP_WRONG_TYPE, r->position);
    }
    *value = code == RP_MP_TRUE;
    r->position++;
    return true;
}

/* A float32 or float64 at start, widened to double (exactly, for a float32). */
static bool rp_mp_float_at(rp_mp_reader *r, size_t start, uint8_t code, double *value, size_t *size)
{
    uint64_t bits;
    if (code == RP_MP_FLOAT32) {
        uint32_t narrow;
        float f;
        if (!rp_mp_body(r, start, 4, &bits)) {
            return false;
        }
        narrow = (uint32_t)bits;
        memcpy(&f, &narrow, sizeof f);
        *value = (double)f;
        *size = 5;
        return true;
    }
    if (code == RP_MP_FLOAT64) {
        if (!rp_mp_body(r, start, 8, &bits)) {
            return false;
        }
        memcpy(value, &bits, sizeof *value);
        *size = 9;
        return true;
    }
    return rp_mp_fail(r, RP_MP_WRONG_TYPE, start);
}

bool rp_mp_read_float(rp_mp_reader *r, float *value)
{
    size_t start = r->position;
    size_t size;
    uint8_t code;
    double wide;
    if (!rp_mp_peek(r, &code)) {
        return false;
    }
    if (rp_mp_is_integer_code(code)) {
        rp_mp_integer integer;
        if (!rp_mp_integer_at(r, start, code, &integer, &size)) {
            return false;
        }
        /* Through double, as C# does ((float)(double)integer): the same rounding for integers beyond 2^24. */
        wide = integer.negative ? (double)integer.s : (double)integer.u;
    } else if (!rp_mp_float_at(r, start, code, &wide, &size)) {
        return false;
    }
    *value = (float)wide;
    r->position = start + size;
    return true;
}

/* A str header at start: the data's offset and length, checked to be all there. */
static bool rp_mp_str_at(rp_mp_reader *r, size_t start, uint8_t code, size_t *data, uint32_t *len)
{
    unsigned bytes;
    if (code >= RP_MP_MIN_FIXSTR && code <= RP_MP_MAX_FIXSTR) {
        *len = code & 0x1Fu;
        bytes = 0;
    } else {
        switch (code) {
        case RP_MP_STR8: bytes = 1; break;
        case RP_MP_STR16: bytes = 2; break;
        case RP_MP_STR32: bytes = 4; break;
        default: return rp_mp_fail(r, RP_MP_WRONG_TYPE, start);
        }
        if (!rp_mp_length(r, start, bytes, len)) {
            return false;
        }
    }
    *data = start + 1u + bytes;
    if (*len > rp_mp_left(r, *data)) {
        return rp_mp_fail(r, RP_MP_TRUNCATED, start);
    }
    return true;
}

bool rp_mp_read_str(rp_mp_reader *r, const char **utf8, size_t *len)
{
    size_t start = r->position;
    size_t data;
    uint32_t length;
    uint8_t code;
    if (!rp_mp_peek(r, &code) || !rp_mp_str_at(r, start, code, &data, &length)) {
        return false;
    }
    *utf8 = (const char *)(r->buffer + data);
    *len = length;
    r->position = data + length;
    return true;
}

bool rp_mp_read_text(rp_mp_reader *r, const char **utf8, size_t *len)
{
    size_t start = r->position;
    const char *text;
    size_t length;
    if (!rp_mp_read_str(r, &text, &length)) {
        return false;
    }
    if (!rp_utf8_valid((const uint8_t *)text, length)) {
        r->position = start;
        return rp_mp_fail(r, RP_MP_MALFORMED, start);
    }
    *utf8 = text;
    *len = length;
    return true;
}

bool rp_mp_try_read_str_equals(rp_mp_reader *r, const char *key, size_t len)
{
    size_t start = r->position;
    size_t data;
    uint32_t length;
    uint8_t code;
    if (!rp_mp_peek(r, &code)) {
        return false;
    }
    if (!((code >= RP_MP_MIN_FIXSTR && code <= RP_MP_MAX_FIXSTR) || (code >= RP_MP_STR8 && code <= RP_MP_STR32))) {
        return false;
    }
    if (!rp_mp_str_at(r, start, code, &data, &length)) {
        return false;
    }
    if (length != len || (len != 0 && memcmp(r->buffer + data, key, len) != 0)) {
        return false;
    }
    r->position = data + length;
    return true;
}

/* An array or map header: the count, and the header's size. */
static bool rp_mp_collection_at(rp_mp_reader *r, size_t start, uint8_t code, uint8_t fix_min, uint8_t code16,
                                uint8_t code32, uint32_t *count, size_t *size)
{
    unsigned bytes;
    if (code >= fix_min && code <= fix_min + 0x0Fu) {
        *count = code & 0x0Fu;
        bytes = 0;
    } else if (code == code16) {
        bytes = 2;
    } else if (code == code32) {
        bytes = 4;
    } else {
        return rp_mp_fail(r, RP_MP_WRONG_TYPE, start);
    }
    if (bytes != 0 && !rp_mp_length(r, start, bytes, count)) {
        return false;
    }
    *size = 1u + bytes;
    return true;
}

bool rp_mp_read_array_header(rp_mp_reader *r, uint32_t *count)
{
    size_t start = r->position;
    size_t size;
    uint8_t code;
    if (!rp_mp_peek(r, &code)
        || !rp_mp_collection_at(r, start, code, RP_MP_MIN_FIXARRAY, RP_MP_ARRAY16, RP_MP_ARRAY32, count, &size)) {
        return false;
    }
    /* Every element takes one byte at least: a larger count is a truncated (or hostile) buffer. */
    if (*count > rp_mp_left(r, start + size)) {
        return rp_mp_fail(r, RP_MP_TRUNCATED, start);
    }
    r->position = start + size;
    return true;
}

bool rp_mp_read_map_header(rp_mp_reader *r, uint32_t *count)
{
    size_t start = r->position;
    size_t size;
    uint8_t code;
    if (!rp_mp_peek(r, &code)
        || !rp_mp_collection_at(r, start, code, RP_MP_MIN_FIXMAP, RP_MP_MAP16, RP_MP_MAP32, count, &size)) {
        return false;
    }
    if ((uint64_t)*count * 2u > rp_mp_left(r, start + size)) {
        return rp_mp_fail(r, RP_MP_TRUNCATED, start);
    }
    r->position = start + size;
    return true;
}

/* Skips one value's own bytes (a container's header only) and adds the values nested in it to *pending. */
static bool rp_mp_skip_one(rp_mp_reader *r, uint64_t *pending)
{
    size_t start = r->position;
    size_t size;
    uint32_t count;
    uint8_t code;
    if (!rp_mp_peek(r, &code)) {
        return false;
    }
    if (rp_mp_is_integer_code(code)) {
        rp_mp_integer ignored;
        if (!rp_mp_integer_at(r, start, code, &ignored, &size)) {
            return false;
        }
        r->position = start + size;
        return true;
    }
    if ((code >= RP_MP_MIN_FIXSTR && code <= RP_MP_MAX_FIXSTR) || (code >= RP_MP_STR8 && code <= RP_MP_STR32)) {
        const char *ignored;
        size_t len;
        return rp_mp_read_str(r, &ignored, &len);
    }
    if (code <= RP_MP_MAX_FIXMAP || code == RP_MP_MAP16 || code == RP_MP_MAP32) {
        if (!rp_mp_read_map_header(r, &count)) {
            return false;
        }
        *pending += 2u * (uint64_t)count;
        return true;
    }
    if (code <= RP_MP_MAX_FIXARRAY || code == RP_MP_ARRAY16 || code == RP_MP_ARRAY32) {
        if (!rp_mp_read_array_header(r, &count)) {
            return false;
        }
        *pending += count;
        return true;
    }
    switch (code) {
    case RP_MP_NIL:
    case RP_MP_FALSE:
    case RP_MP_TRUE:
        r->position = start + 1;
        return true;
    case RP_MP_FLOAT32:
    case RP_MP_FLOAT64: {
        double ignored;
        if (!rp_mp_float_at(r, start, code, &ignored, &size)) {
            return false;
        }
        r->position = start + size;
        return true;
    }
    case RP_MP_BIN8:
    case RP_MP_BIN16:
    case RP_MP_BIN32: {
        /* Header: the format byte and a 1, 2 or 4 byte length. */
        unsigned bytes = code == RP_MP_BIN8 ? 1u : code == RP_MP_BIN16 ? 2u : 4u;
        if (!rp_mp_length(r, start, bytes, &count)) {
            return false;
        }
        size = 1u + bytes;
        break;
    }
    case RP_MP_FIXEXT1: count = 1; size = 2; break;
    case RP_MP_FIXEXT2: count = 2; size = 2; break;
    case RP_MP_FIXEXT4: count = 4; size = 2; break;
    case RP_MP_FIXEXT8: count = 8; size = 2; break;
    case RP_MP_FIXEXT16: count = 16; size = 2; break;
    case RP_MP_EXT8:
    case RP_MP_EXT16:
    case RP_MP_EXT32: {
        /* Header: the format byte, a 1, 2 or 4 byte length, then the type byte. */
        unsigned bytes = code == RP_MP_EXT8 ? 1u : code == RP_MP_EXT16 ? 2u : 4u;
        if (!rp_mp_length(r, start, bytes, &count)) {
            return false;
        }
        size = 2u + bytes;
        break;
    }
    default:
        /* 0xc1, the one byte the spec never uses. */
        return rp_mp_fail(r, RP_MP_WRONG_TYPE, start);
    }
    /* bin and ext: the header (with an ext's type byte) and the data must all be there. */
    if (size > rp_mp_left(r, start) || count > rp_mp_left(r, start + size)) {
        return rp_mp_fail(r, RP_MP_TRUNCATED, start);
    }
    r->position = start + size + count;
    return true;
}

bool rp_mp_skip(rp_mp_reader *r)
{
    size_t start = r->position;
    uint64_t pending = 1;
    if (r->error != RP_MP_OK) {
        return false;
    }
    while (pending > 0) {
        pending--;
        if (!rp_mp_skip_one(r, &pending)) {
            /* The error keeps where the broken inner value starts; the position goes back to the outer one. */
            r->position = start;
            return false;
        }
    }
    return true;
}

bool rp_utf8_valid(const uint8_t *bytes, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint8_t b = bytes[i];
        size_t follow;
        uint8_t min2 = 0x80, max2 = 0xBF; /* the allowed range of the second byte (narrower for some leads) */
        size_t k;
        if (b < 0x80) {
            i++;
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            follow = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            follow = 2;
            if (b == 0xE0) {
                min2 = 0xA0; /* no overlong three-byte forms */
            } else if (b == 0xED) {
                max2 = 0x9F; /* no UTF-16 surrogates */
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            follow = 3;
            if (b == 0xF0) {
                min2 = 0x90; /* no overlong four-byte forms */
            } else if (b == 0xF4) {
                max2 = 0x8F; /* nothing above U+10FFFF */
            }
        } else {
            return false;
        }
        if (follow > len - i - 1) {
            return false;
        }
        if (bytes[i + 1] < min2 || bytes[i + 1] > max2) {
            return false;
        }
        for (k = 2; k <= follow; k++) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) {
                return false;
            }
        }
        i += follow + 1;
    }
    return true;
}
