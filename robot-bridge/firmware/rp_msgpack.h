/* The MessagePack subset the bridge's messages use (https://github.com/msgpack/msgpack/blob/master/spec.md), over
 * caller buffers, allocating nothing.
 *
 * Writing: nil, bool, integers, float32, float64, str, array and map headers, each in its smallest encoding, as
 * the C# MessagePackWriter writes them (so both sides produce the same bytes for the same message). A value that
 * does not fit writes none of its bytes and sets the writer's sticky error flag: encode a whole message, then check
 * once.
 *
 * Reading follows the C# MessagePackReader's rules: every integer width whose value fits the requested type (a
 * uint32 may arrive as a fixint or a uint64), float32, float64 or an integer where a float is asked for (Python
 * sends every float as float64, JavaScript sends 1.0 as 1), and skipping any value (bin, ext and nested containers
 * included) so unknown fields can be ignored. Nothing is read past the buffer; the first error is kept (sticky),
 * every later read fails, and the position stays where the failing value starts. */
#ifndef RP_MSGPACK_H
#define RP_MSGPACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rp_mp_error {
    RP_MP_OK = 0,
    RP_MP_NO_ROOM,      /* writer: the value does not fit the buffer */
    RP_MP_TRUNCATED,    /* reader: the buffer ends inside the value */
    RP_MP_WRONG_TYPE,   /* reader: another kind of value than the one asked for (or 0xc1, never used) */
    RP_MP_OUT_OF_RANGE, /* reader: an integer that does not fit the requested type */
    RP_MP_MALFORMED     /* reader: a length beyond 2^31, or a str that is not valid UTF-8 where text is asked for */
} rp_mp_error;

typedef struct rp_mp_writer {
    uint8_t *buffer;
    size_t capacity;
    size_t position; /* bytes written so far */
    rp_mp_error error;
} rp_mp_writer;

void rp_mp_writer_init(rp_mp_writer *w, uint8_t *buffer, size_t capacity);

/* Each returns false (writing nothing) when the value does not fit or an earlier value did not. */
bool rp_mp_write_nil(rp_mp_writer *w);
bool rp_mp_write_bool(rp_mp_writer *w, bool value);
/* Non-negative: positive fixint, else uint8..uint64. */
bool rp_mp_write_uint(rp_mp_writer *w, uint64_t value);
/* Non-negative values as rp_mp_write_uint (as most writers, and the C# one, do); negative ones as negative fixint,
 * else int8..int64. */
bool rp_mp_write_int(rp_mp_writer *w, int64_t value);
/* Always float32 (5 bytes): the caller chose the precision, so a whole number stays a float on the wire. */
bool rp_mp_write_float(rp_mp_writer *w, float value);
bool rp_mp_write_double(rp_mp_writer *w, double value);
/* fixstr, str8, str16 or str32 by length; the bytes are copied unchecked (they should be UTF-8). */
bool rp_mp_write_str(rp_mp_writer *w, const char *utf8, size_t len);
/* fixarray, array16 or array32; count elements follow. */
bool rp_mp_write_array_header(rp_mp_writer *w, uint32_t count);
/* fixmap, map16 or map32; count key-value pairs follow, key first. */
bool rp_mp_write_map_header(rp_mp_writer *w, uint32_t count);

typedef struct rp_mp_reader {
    const uint8_t *buffer;
    size_t length;
    size_t position;    /* offset of the next value */
    rp_mp_error error;  /* the first error, RP_MP_OK while there is none */
    size_t error_offset; /* where the value that failed starts */
} rp_mp_reader;

void rp_mp_reader_init(rp_mp_reader *r, const uint8_t *buffer, size_t length);

/* True when every byte has been read. */
bool rp_mp_reader_at_end(const rp_mp_reader *r);

/* Consumes a nil and returns true, or returns false (consuming nothing, no error) when the next value is something
 * else; false with RP_MP_TRUNCATED at the end of the buffer. */
bool rp_mp_try_read_nil(rp_mp_reader *r);
bool rp_mp_read_bool(rp_mp_reader *r, bool *value);
bool rp_mp_read_u64(rp_mp_reader *r, uint64_t *value);
bool rp_mp_read_u32(rp_mp_reader *r, uint32_t *value);
bool rp_mp_read_i64(rp_mp_reader *r, int64_t *value);
bool rp_mp_read_i32(rp_mp_reader *r, int32_t *value);
/* A float32, a float64 rounded to the nearest float32, or an integer (through double, as C# does). */
bool rp_mp_read_float(rp_mp_reader *r, float *value);
/* A str's bytes as they are on the wire: a view into the buffer, not NUL-terminated, not validated. */
bool rp_mp_read_str(rp_mp_reader *r, const char **utf8, size_t *len);
/* As rp_mp_read_str, refusing (RP_MP_MALFORMED) bytes that are not valid UTF-8, as the C# ReadString does. */
bool rp_mp_read_text(rp_mp_reader *r, const char **utf8, size_t *len);
/* Consumes the next value and returns true when it is a str whose bytes equal key (len bytes: a map key, say);
 * otherwise returns false, consuming nothing. An error only at the end of the buffer or in a broken str header. */
bool rp_mp_try_read_str_equals(rp_mp_reader *r, const char *key, size_t len);
/* The element count of a fixarray, array16 or array32; the elements follow. A count beyond the bytes left (each
 * element takes one at least) is refused as truncated before a caller sizes anything by it. */
bool rp_mp_read_array_header(rp_mp_reader *r, uint32_t *count);
/* The pair count of a fixmap, map16 or map32; key and value follow for each pair. */
bool rp_mp_read_map_header(rp_mp_reader *r, uint32_t *count);
/* Skips one whole value of any kind, nested arrays and maps included, without recursion (so a hostile depth
 * cannot overflow a small stack). On failure the position stays at the value's start. */
bool rp_mp_skip(rp_mp_reader *r);

/* True when the bytes are valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). */
bool rp_utf8_valid(const uint8_t *bytes, size_t len);

#ifdef __cplusplus
}
#endif

#endif
