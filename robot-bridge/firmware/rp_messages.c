#include "rp_messages.h"

#include <string.h>

/* Keys are compared as bytes; sizeof - 1 is the literal's length without its NUL. */
#define RP_KEY(reader, key) rp_mp_try_read_str_equals((reader), (key), sizeof(key) - 1u)
#define RP_WRITE_KEY(writer, key) rp_mp_write_str((writer), (key), sizeof(key) - 1u)

/* Type tags, indexed by rp_msg_type: short words, so a dump of the bytes reads. */
static const char *const rp_type_tags[] = { "hello", "sensor", "action", "heartbeat", "estop", "fault", "goodbye" };

/* The version each type is written with: the one that introduced it. */
static uint32_t rp_type_version(rp_msg_type type)
{
    return type == RP_MSG_GOODBYE ? 2u : 1u;
}
#define RP_TYPE_COUNT (sizeof rp_type_tags / sizeof rp_type_tags[0])

/* Mode words, indexed by rp_action_mode. */
static const char *const rp_mode_words[] = { "normal", "hold", "damping", "safe" };
#define RP_MODE_COUNT (sizeof rp_mode_words / sizeof rp_mode_words[0])

const char *rp_status_name(rp_status status)
{
    switch (status) {
    case RP_OK: return "ok";
    case RP_ERR_NO_ROOM: return "no room";
    case RP_ERR_ARGUMENT: return "bad argument";
    case RP_ERR_FORMAT: return "not messagepack of the expected shape";
    case RP_ERR_MALFORMED: return "malformed";
    case RP_ERR_UNKNOWN_TYPE: return "unknown message type";
    case RP_ERR_NEWER_VERSION: return "newer protocol version";
    case RP_ERR_TOO_MANY: return "more values than the receiver holds";
    case RP_ERR_WRITE: return "write failed";
    }
    return "unknown status";
}

rp_str rp_str_of(const char *text)
{
    rp_str s;
    s.data = text;
    s.length = text == NULL ? 0 : strlen(text);
    return s;
}

bool rp_str_equals(rp_str a, const char *text)
{
    size_t n = text == NULL ? 0 : strlen(text);
    return a.length == n && (n == 0 || memcmp(a.data, text, n) == 0);
}

static bool rp_find_word(const char *const *words, size_t count, const char *data, size_t length, size_t *index)
{
    size_t i;
    for (i = 0; i < count; i++) {
        if (strlen(words[i]) == length && memcmp(words[i], data, length) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

/* ---- encoding ---- */

/* Starts a message: the map header for the envelope plus body_pairs fields, then "v" and "t". */
static void rp_write_envelope(rp_mp_writer *w, rp_msg_type type, uint32_t body_pairs)
{
    const char *tag = rp_type_tags[type];
    rp_mp_write_map_header(w, 2u + body_pairs);
    RP_WRITE_KEY(w, "v");
    rp_mp_write_uint(w, rp_type_version(type));
    RP_WRITE_KEY(w, "t");
    rp_mp_write_str(w, tag, strlen(tag));
}

static void rp_write_floats(rp_mp_writer *w, const float *values, size_t count)
{
    size_t i;
    rp_mp_write_array_header(w, (uint32_t)count);
    for (i = 0; i < count; i++) {
        rp_mp_write_float(w, values[i]);
    }
}

/* Every writer call above leaves the sticky error when something did not fit: one check at the end. */
static rp_status rp_finish(const rp_mp_writer *w, size_t *length)
{
    if (w->error != RP_MP_OK) {
        return RP_ERR_NO_ROOM;
    }
    *length = w->position;
    return RP_OK;
}

static bool rp_str_ok(rp_str s)
{
    return s.data != NULL || s.length == 0;
}

/* A str on the wire: 5 bytes of header at most, then the bytes (as the C# StringLength). */
static size_t rp_str_max(rp_str s)
{
    return 5u + s.length;
}

size_t rp_hello_max_length(const rp_hello *hello)
{
    size_t n = RP_ENVELOPE_MAX_LENGTH + 6u + rp_str_max(hello->robot) + 7u + 5u + 8u + 5u + 10u + 9u;
    size_t i;
    for (i = 0; i < hello->joint_count && hello->joints != NULL; i++) {
        n += rp_str_max(hello->joints[i]);
    }
    for (i = 0; i < hello->sensor_count && hello->sensors != NULL; i++) {
        n += 1u + 5u + rp_str_max(hello->sensors[i].name) + 5u + 9u;
    }
    return n;
}

rp_status rp_hello_encode(const rp_hello *hello, uint8_t *dst, size_t capacity, size_t *length)
{
    rp_mp_writer w;
    size_t i;
    if (hello->period_ns <= 0 || !rp_str_ok(hello->robot) || (hello->joints == NULL && hello->joint_count != 0)
        || (hello->sensors == NULL && hello->sensor_count != 0) || hello->joint_count > UINT32_MAX
        || hello->sensor_count > UINT32_MAX) {
        return RP_ERR_ARGUMENT;
    }
    for (i = 0; i < hello->joint_count; i++) {
        if (!rp_str_ok(hello->joints[i])) {
            return RP_ERR_ARGUMENT;
        }
    }
    for (i = 0; i < hello->sensor_count; i++) {
        /* The runtime reads a size as a 32-bit signed number and refuses one below 1. */
        if (!rp_str_ok(hello->sensors[i].name) || hello->sensors[i].size < 1u || hello->sensors[i].size > INT32_MAX) {
            return RP_ERR_ARGUMENT;
        }
    }
    rp_mp_writer_init(&w, dst, capacity);
    rp_write_envelope(&w, RP_MSG_HELLO, 4);
    RP_WRITE_KEY(&w, "robot");
    rp_mp_write_str(&w, hello->robot.data, hello->robot.length);
    RP_WRITE_KEY(&w, "joints");
    rp_mp_write_array_header(&w, (uint32_t)hello->joint_count);
    for (i = 0; i < hello->joint_count; i++) {
        rp_mp_write_str(&w, hello->joints[i].data, hello->joints[i].length);
    }
    RP_WRITE_KEY(&w, "sensors");
    rp_mp_write_array_header(&w, (uint32_t)hello->sensor_count);
    for (i = 0; i < hello->sensor_count; i++) {
        rp_mp_write_map_header(&w, 2);
        RP_WRITE_KEY(&w, "name");
        rp_mp_write_str(&w, hello->sensors[i].name.data, hello->sensors[i].name.length);
        RP_WRITE_KEY(&w, "size");
        rp_mp_write_uint(&w, hello->sensors[i].size);
    }
    RP_WRITE_KEY(&w, "period_ns");
    rp_mp_write_int(&w, hello->period_ns);
    return rp_finish(&w, length);
}

rp_status rp_sensor_encode(const rp_sensor_frame *frame, uint8_t *dst, size_t capacity, size_t *length)
{
    rp_mp_writer w;
    if ((frame->values == NULL && frame->count != 0) || frame->count > UINT32_MAX) {
        return RP_ERR_ARGUMENT;
    }
    rp_mp_writer_init(&w, dst, capacity);
    rp_write_envelope(&w, RP_MSG_SENSOR, 3);
    RP_WRITE_KEY(&w, "seq");
    rp_mp_write_uint(&w, frame->seq);
    RP_WRITE_KEY(&w, "ts_ns");
    rp_mp_write_int(&w, frame->ts_ns);
    RP_WRITE_KEY(&w, "values");
    rp_write_floats(&w, frame->values, frame->count);
    return rp_finish(&w, length);
}

rp_status rp_action_encode(const rp_action_frame *frame, uint8_t *dst, size_t capacity, size_t *length)
{
    rp_mp_writer w;
    const char *mode;
    if ((frame->targets == NULL && frame->count != 0) || frame->count > UINT32_MAX
        || (unsigned)frame->mode >= RP_MODE_COUNT) {
        return RP_ERR_ARGUMENT;
    }
    mode = rp_mode_words[frame->mode];
    rp_mp_writer_init(&w, dst, capacity);
    rp_write_envelope(&w, RP_MSG_ACTION, 5);
    RP_WRITE_KEY(&w, "seq");
    rp_mp_write_uint(&w, frame->seq);
    RP_WRITE_KEY(&w, "rx_ns");
    rp_mp_write_int(&w, frame->rx_ns);
    RP_WRITE_KEY(&w, "tx_ns");
    rp_mp_write_int(&w, frame->tx_ns);
    RP_WRITE_KEY(&w, "mode");
    rp_mp_write_str(&w, mode, strlen(mode));
    RP_WRITE_KEY(&w, "targets");
    rp_write_floats(&w, frame->targets, frame->count);
    return rp_finish(&w, length);
}

rp_status rp_heartbeat_encode(const rp_heartbeat *heartbeat, uint8_t *dst, size_t capacity, size_t *length)
{
    rp_mp_writer w;
    rp_mp_writer_init(&w, dst, capacity);
    rp_write_envelope(&w, RP_MSG_HEARTBEAT, 2);
    RP_WRITE_KEY(&w, "seq");
    rp_mp_write_uint(&w, heartbeat->seq);
    RP_WRITE_KEY(&w, "ts_ns");
    rp_mp_write_int(&w, heartbeat->ts_ns);
    return rp_finish(&w, length);
}

/* An estop's or a goodbye's body: "reason" and, when present, "text". */
static rp_status rp_reason_text_encode(rp_msg_type type, const rp_estop *estop, uint8_t *dst, size_t capacity, size_t *length)
{
    rp_mp_writer w;
    if (estop->has_text && !rp_str_ok(estop->text)) {
        return RP_ERR_ARGUMENT;
    }
    rp_mp_writer_init(&w, dst, capacity);
    rp_write_envelope(&w, type, estop->has_text ? 2u : 1u);
    RP_WRITE_KEY(&w, "reason");
    rp_mp_write_uint(&w, estop->reason);
    if (estop->has_text) {
        RP_WRITE_KEY(&w, "text");
        rp_mp_write_str(&w, estop->text.data, estop->text.length);
    }
    return rp_finish(&w, length);
}

rp_status rp_estop_encode(const rp_estop *estop, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_reason_text_encode(RP_MSG_ESTOP, estop, dst, capacity, length);
}

rp_status rp_goodbye_encode(const rp_goodbye *goodbye, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_reason_text_encode(RP_MSG_GOODBYE, goodbye, dst, capacity, length);
}

rp_status rp_fault_encode(const rp_fault *fault, uint8_t *dst, size_t capacity, size_t *length)
{
    rp_mp_writer w;
    if (!rp_str_ok(fault->text)) {
        return RP_ERR_ARGUMENT;
    }
    rp_mp_writer_init(&w, dst, capacity);
    rp_write_envelope(&w, RP_MSG_FAULT, 2);
    RP_WRITE_KEY(&w, "code");
    rp_mp_write_uint(&w, fault->code);
    RP_WRITE_KEY(&w, "text");
    rp_mp_write_str(&w, fault->text.data, fault->text.length);
    return rp_finish(&w, length);
}

/* ---- decoding ---- */

/* Skips a key the reader does not know (of any type) and its value: fields added later are ignored, and so are
 * "v" and "t", which the envelope check has read. */
static bool rp_skip_pair(rp_mp_reader *r)
{
    return rp_mp_skip(r) && rp_mp_skip(r);
}

rp_status rp_msg_peek_type(const uint8_t *msg, size_t length, rp_msg_type *type)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    uint64_t version = 0;
    bool version_seen = false, tag_seen = false;
    const char *tag = NULL;
    size_t tag_length = 0, index;

    rp_mp_reader_init(&r, msg, length);
    if (!rp_mp_read_map_header(&r, &pairs)) {
        return RP_ERR_FORMAT;
    }
    for (i = 0; i < pairs && !(version_seen && tag_seen); i++) {
        if (RP_KEY(&r, "v")) {
            if (!rp_mp_read_u64(&r, &version)) {
                return RP_ERR_FORMAT;
            }
            version_seen = true;
        } else if (RP_KEY(&r, "t")) {
            if (!rp_mp_read_str(&r, &tag, &tag_length)) {
                return RP_ERR_FORMAT;
            }
            tag_seen = true;
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    if (!version_seen || version == 0) {
        return RP_ERR_MALFORMED;
    }
    if (version > RP_PROTOCOL_VERSION) {
        return RP_ERR_NEWER_VERSION;
    }
    if (!tag_seen) {
        return RP_ERR_MALFORMED;
    }
    if (!rp_find_word(rp_type_tags, RP_TYPE_COUNT, tag, tag_length, &index)) {
        return RP_ERR_UNKNOWN_TYPE;
    }
    *type = (rp_msg_type)index;
    return RP_OK;
}

/* Checks the envelope and the type, then reads the map header: the start of every decoder. */
static rp_status rp_begin(const uint8_t *msg, size_t length, rp_msg_type expected, rp_mp_reader *r, uint32_t *pairs)
{
    rp_msg_type found;
    rp_status status = rp_msg_peek_type(msg, length, &found);
    if (status != RP_OK) {
        return status;
    }
    if (found != expected) {
        return RP_ERR_MALFORMED;
    }
    rp_mp_reader_init(r, msg, length);
    return rp_mp_read_map_header(r, pairs) ? RP_OK : RP_ERR_FORMAT;
}

/* One message fills its datagram or frame: bytes after the map are refused. */
static rp_status rp_end(const rp_mp_reader *r)
{
    return rp_mp_reader_at_end(r) ? RP_OK : RP_ERR_MALFORMED;
}

/* Float32 values (or float64, or integers, as other peers send them) into the caller's buffer. */
static rp_status rp_read_floats(rp_mp_reader *r, float *dst, size_t capacity, size_t *count)
{
    uint32_t n, i;
    if (!rp_mp_read_array_header(r, &n)) {
        return RP_ERR_FORMAT;
    }
    if (n > capacity || dst == NULL) {
        if (n == 0) {
            *count = 0;
            return RP_OK;
        }
        return RP_ERR_TOO_MANY;
    }
    for (i = 0; i < n; i++) {
        if (!rp_mp_read_float(r, &dst[i])) {
            return RP_ERR_FORMAT;
        }
    }
    *count = n;
    return RP_OK;
}

static rp_status rp_read_sensor_terms(rp_mp_reader *r, rp_sensor_term *terms, size_t capacity, size_t *count)
{
    uint32_t n, i, pairs, j;
    if (!rp_mp_read_array_header(r, &n)) {
        return RP_ERR_FORMAT;
    }
    if (terms != NULL && n > capacity) {
        return RP_ERR_TOO_MANY;
    }
    for (i = 0; i < n; i++) {
        rp_str name = { NULL, 0 };
        bool has_name = false, has_size = false;
        int32_t size = 0;
        if (!rp_mp_read_map_header(r, &pairs)) {
            return RP_ERR_FORMAT;
        }
        for (j = 0; j < pairs; j++) {
            if (RP_KEY(r, "name")) {
                if (!rp_mp_read_text(r, &name.data, &name.length)) {
                    return RP_ERR_FORMAT;
                }
                has_name = true;
            } else if (RP_KEY(r, "size")) {
                if (!rp_mp_read_i32(r, &size)) {
                    return RP_ERR_FORMAT;
                }
                has_size = true;
            } else if (!rp_skip_pair(r)) {
                return RP_ERR_FORMAT;
            }
        }
        if (!has_name || !has_size || size < 1) {
            return RP_ERR_MALFORMED;
        }
        if (terms != NULL) {
            terms[i].name = name;
            terms[i].size = (uint32_t)size;
        }
    }
    *count = n;
    return RP_OK;
}

static rp_status rp_read_joints(rp_mp_reader *r, rp_str *joints, size_t capacity, size_t *count)
{
    uint32_t n, i;
    if (!rp_mp_read_array_header(r, &n)) {
        return RP_ERR_FORMAT;
    }
    if (joints != NULL && n > capacity) {
        return RP_ERR_TOO_MANY;
    }
    for (i = 0; i < n; i++) {
        rp_str name;
        if (!rp_mp_read_text(r, &name.data, &name.length)) {
            return RP_ERR_FORMAT;
        }
        if (joints != NULL) {
            joints[i] = name;
        }
    }
    *count = n;
    return RP_OK;
}

rp_status rp_hello_decode(const uint8_t *msg, size_t length, rp_hello *hello, rp_str *joints, size_t joints_capacity,
                          rp_sensor_term *terms, size_t terms_capacity)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    uint64_t version = RP_PROTOCOL_VERSION;
    bool has_robot = false, has_joints = false, has_sensors = false, has_period = false;
    rp_hello out;
    rp_status status = rp_begin(msg, length, RP_MSG_HELLO, &r, &pairs);
    if (status != RP_OK) {
        return status;
    }
    memset(&out, 0, sizeof out);
    for (i = 0; i < pairs; i++) {
        if (RP_KEY(&r, "v")) {
            /* The envelope check has made sure it is a version this side reads. */
            if (!rp_mp_read_u64(&r, &version)) {
                return RP_ERR_FORMAT;
            }
        } else if (RP_KEY(&r, "robot")) {
            if (!rp_mp_read_text(&r, &out.robot.data, &out.robot.length)) {
                return RP_ERR_FORMAT;
            }
            has_robot = true;
        } else if (RP_KEY(&r, "joints")) {
            status = rp_read_joints(&r, joints, joints_capacity, &out.joint_count);
            if (status != RP_OK) {
                return status;
            }
            has_joints = true;
        } else if (RP_KEY(&r, "sensors")) {
            status = rp_read_sensor_terms(&r, terms, terms_capacity, &out.sensor_count);
            if (status != RP_OK) {
                return status;
            }
            has_sensors = true;
        } else if (RP_KEY(&r, "period_ns")) {
            if (!rp_mp_read_i64(&r, &out.period_ns)) {
                return RP_ERR_FORMAT;
            }
            has_period = true;
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    status = rp_end(&r);
    if (status != RP_OK) {
        return status;
    }
    if (!has_robot || !has_joints || !has_sensors || !has_period || out.period_ns <= 0) {
        return RP_ERR_MALFORMED;
    }
    out.version = (uint32_t)version;
    out.joints = joints;
    out.sensors = terms;
    *hello = out;
    return RP_OK;
}

rp_status rp_sensor_decode(const uint8_t *msg, size_t length, rp_sensor_frame *frame, float *values,
                           size_t values_capacity)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    bool has_seq = false, has_ts = false, has_values = false;
    rp_sensor_frame out = { 0, 0, NULL, 0 };
    rp_status status = rp_begin(msg, length, RP_MSG_SENSOR, &r, &pairs);
    if (status != RP_OK) {
        return status;
    }
    for (i = 0; i < pairs; i++) {
        if (RP_KEY(&r, "seq")) {
            if (!rp_mp_read_u64(&r, &out.seq)) {
                return RP_ERR_FORMAT;
            }
            has_seq = true;
        } else if (RP_KEY(&r, "ts_ns")) {
            if (!rp_mp_read_i64(&r, &out.ts_ns)) {
                return RP_ERR_FORMAT;
            }
            has_ts = true;
        } else if (RP_KEY(&r, "values")) {
            status = rp_read_floats(&r, values, values_capacity, &out.count);
            if (status != RP_OK) {
                return status;
            }
            has_values = true;
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    status = rp_end(&r);
    if (status != RP_OK) {
        return status;
    }
    if (!has_seq || !has_ts || !has_values) {
        return RP_ERR_MALFORMED;
    }
    out.values = values;
    *frame = out;
    return RP_OK;
}

rp_status rp_action_decode(const uint8_t *msg, size_t length, rp_action_frame *frame, float *targets,
                           size_t targets_capacity)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    bool has_seq = false, has_rx = false, has_tx = false, has_mode = false, has_targets = false;
    rp_action_frame out = { 0, 0, 0, RP_MODE_NORMAL, NULL, 0 };
    rp_status status = rp_begin(msg, length, RP_MSG_ACTION, &r, &pairs);
    if (status != RP_OK) {
        return status;
    }
    for (i = 0; i < pairs; i++) {
        if (RP_KEY(&r, "seq")) {
            if (!rp_mp_read_u64(&r, &out.seq)) {
                return RP_ERR_FORMAT;
            }
            has_seq = true;
        } else if (RP_KEY(&r, "rx_ns")) {
            if (!rp_mp_read_i64(&r, &out.rx_ns)) {
                return RP_ERR_FORMAT;
            }
            has_rx = true;
        } else if (RP_KEY(&r, "tx_ns")) {
            if (!rp_mp_read_i64(&r, &out.tx_ns)) {
                return RP_ERR_FORMAT;
            }
            has_tx = true;
        } else if (RP_KEY(&r, "mode")) {
            const char *word;
            size_t word_length, index;
            if (!rp_mp_read_str(&r, &word, &word_length)) {
                return RP_ERR_FORMAT;
            }
            if (!rp_find_word(rp_mode_words, RP_MODE_COUNT, word, word_length, &index)) {
                return RP_ERR_MALFORMED;
            }
            out.mode = (rp_action_mode)index;
            has_mode = true;
        } else if (RP_KEY(&r, "targets")) {
            status = rp_read_floats(&r, targets, targets_capacity, &out.count);
            if (status != RP_OK) {
                return status;
            }
            has_targets = true;
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    status = rp_end(&r);
    if (status != RP_OK) {
        return status;
    }
    if (!has_seq || !has_rx || !has_tx || !has_mode || !has_targets) {
        return RP_ERR_MALFORMED;
    }
    out.targets = targets;
    *frame = out;
    return RP_OK;
}

rp_status rp_heartbeat_decode(const uint8_t *msg, size_t length, rp_heartbeat *heartbeat)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    bool has_seq = false, has_ts = false;
    rp_heartbeat out = { 0, 0 };
    rp_status status = rp_begin(msg, length, RP_MSG_HEARTBEAT, &r, &pairs);
    if (status != RP_OK) {
        return status;
    }
    for (i = 0; i < pairs; i++) {
        if (RP_KEY(&r, "seq")) {
            if (!rp_mp_read_u64(&r, &out.seq)) {
                return RP_ERR_FORMAT;
            }
            has_seq = true;
        } else if (RP_KEY(&r, "ts_ns")) {
            if (!rp_mp_read_i64(&r, &out.ts_ns)) {
                return RP_ERR_FORMAT;
            }
            has_ts = true;
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    status = rp_end(&r);
    if (status != RP_OK) {
        return status;
    }
    if (!has_seq || !has_ts) {
        return RP_ERR_MALFORMED;
    }
    *heartbeat = out;
    return RP_OK;
}

static rp_status rp_reason_text_decode(rp_msg_type type, const uint8_t *msg, size_t length, rp_estop *estop)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    bool has_reason = false;
    rp_estop out;
    rp_status status = rp_begin(msg, length, type, &r, &pairs);
    if (status != RP_OK) {
        return status;
    }
    memset(&out, 0, sizeof out);
    for (i = 0; i < pairs; i++) {
        if (RP_KEY(&r, "reason")) {
            if (!rp_mp_read_u32(&r, &out.reason)) {
                return RP_ERR_FORMAT;
            }
            has_reason = true;
        } else if (RP_KEY(&r, "text")) {
            /* Optional: nil is the same as absent. */
            if (rp_mp_try_read_nil(&r)) {
                out.has_text = false;
                out.text.data = NULL;
                out.text.length = 0;
            } else if (!rp_mp_read_text(&r, &out.text.data, &out.text.length)) {
                return RP_ERR_FORMAT;
            } else {
                out.has_text = true;
            }
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    status = rp_end(&r);
    if (status != RP_OK) {
        return status;
    }
    if (!has_reason) {
        return RP_ERR_MALFORMED;
    }
    *estop = out;
    return RP_OK;
}

rp_status rp_estop_decode(const uint8_t *msg, size_t length, rp_estop *estop)
{
    return rp_reason_text_decode(RP_MSG_ESTOP, msg, length, estop);
}

rp_status rp_goodbye_decode(const uint8_t *msg, size_t length, rp_goodbye *goodbye)
{
    return rp_reason_text_decode(RP_MSG_GOODBYE, msg, length, goodbye);
}

rp_status rp_fault_decode(const uint8_t *msg, size_t length, rp_fault *fault)
{
    rp_mp_reader r;
    uint32_t pairs, i;
    bool has_code = false, has_text = false;
    rp_fault out;
    rp_status status = rp_begin(msg, length, RP_MSG_FAULT, &r, &pairs);
    if (status != RP_OK) {
        return status;
    }
    memset(&out, 0, sizeof out);
    for (i = 0; i < pairs; i++) {
        if (RP_KEY(&r, "code")) {
            if (!rp_mp_read_u32(&r, &out.code)) {
                return RP_ERR_FORMAT;
            }
            has_code = true;
        } else if (RP_KEY(&r, "text")) {
            if (!rp_mp_read_text(&r, &out.text.data, &out.text.length)) {
                return RP_ERR_FORMAT;
            }
            has_text = true;
        } else if (!rp_skip_pair(&r)) {
            return RP_ERR_FORMAT;
        }
    }
    status = rp_end(&r);
    if (status != RP_OK) {
        return status;
    }
    if (!has_code || !has_text) {
        return RP_ERR_MALFORMED;
    }
    *fault = out;
    return RP_OK;
}
