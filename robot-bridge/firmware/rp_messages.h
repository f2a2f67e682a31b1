/* The bridge's messages, protocol version 2: encode and decode Hello, SensorFrame, ActionFrame, Heartbeat, EStop,
 * Fault and Goodbye, byte-compatible with the C# RobotPolicy.Bridge.Messages (docs/protocol.md, "Messages").
 * Each message is written with the version that introduced its type: 1 for the first six, 2 for goodbye, so a
 * version-1 peer reads every message it knows.
 *
 * Every message is one MessagePack map holding "v" (the protocol version) and "t" (the type tag) and the type's
 * fields. Encoders write "v" and "t" first, then the fields in the C# order, each in its smallest encoding, so
 * the bytes are the C# side's bytes. Decoders follow the C# readers' rules: keys in any order, unknown keys (of
 * any type, with values of any type) skipped, a newer version refused before the type is looked at (a newer peer
 * may send new types), bytes after the map refused, a required key missing refused.
 *
 * Nothing is allocated: decoded strings are views into the message bytes (valid as long as they are, not
 * NUL-terminated) and arrays are read into the caller's buffers. */
#ifndef RP_MESSAGES_H
#define RP_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rp_msgpack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The newest version this code reads (and writes, for goodbye, which it introduced). */
#define RP_PROTOCOL_VERSION 2u

typedef enum rp_status {
    RP_OK = 0,
    RP_ERR_NO_ROOM,       /* encode: the buffer is too small (size it with the RP_..._MAX_LENGTH macros) */
    RP_ERR_ARGUMENT,      /* encode: a value no message may carry (a NULL array with a count, period_ns <= 0) */
    RP_ERR_FORMAT,        /* decode: not MessagePack of the expected shape (the C# MessagePackFormatException) */
    RP_ERR_MALFORMED,     /* decode: a key missing, a bad value, bytes after the map, the wrong type (C# Malformed) */
    RP_ERR_UNKNOWN_TYPE,  /* decode: a type tag this version does not know (C# UnknownMessageType) */
    RP_ERR_NEWER_VERSION, /* decode: a newer protocol version: this side needs updating (C# NewerProtocolVersion) */
    RP_ERR_TOO_MANY,      /* decode: more values, joints or terms than the caller's buffer holds (C#: Malformed) */
    RP_ERR_WRITE          /* rp_link: the write callback reported a failure */
} rp_status;

/* A short name for logs ("malformed", "newer version", ...). */
const char *rp_status_name(rp_status status);

typedef enum rp_msg_type {
    RP_MSG_HELLO,     /* "hello": robot to runtime, at connect */
    RP_MSG_SENSOR,    /* "sensor": robot to runtime, every cycle */
    RP_MSG_ACTION,    /* "action": runtime to robot, per sensor frame */
    RP_MSG_HEARTBEAT, /* "heartbeat": either side, when idle */
    RP_MSG_ESTOP,     /* "estop": either side */
    RP_MSG_FAULT,     /* "fault": either side */
    RP_MSG_GOODBYE    /* "goodbye": either side ends the session on purpose (protocol version 2) */
} rp_msg_type;

typedef enum rp_action_mode {
    RP_MODE_NORMAL,  /* "normal": track the targets */
    RP_MODE_HOLD,    /* "hold": hold the joints at the targets */
    RP_MODE_DAMPING, /* "damping": damp the joints only; targets ignored (may be empty) */
    RP_MODE_SAFE     /* "safe": the robot's own safe state; targets ignored (may be empty) */
} rp_action_mode;

/* Text as bytes and a length: a view, not NUL-terminated. RP_STR("hip") makes one from a string literal. */
typedef struct rp_str {
    const char *data;
    size_t length;
} rp_str;

#define RP_STR(literal) { (literal), sizeof(literal) - 1u }

/* A view of a NUL-terminated string. */
rp_str rp_str_of(const char *text);

/* True when a's bytes are the NUL-terminated text's. */
bool rp_str_equals(rp_str a, const char *text);

typedef struct rp_sensor_term {
    rp_str name;   /* matched against the policy's observation term of the same place */
    uint32_t size; /* values of this term in one sensor frame: 1 to 2^31 - 1 */
} rp_sensor_term;

typedef struct rp_hello {
    uint32_t version;               /* decode: the "v" the robot sent; encode writes RP_PROTOCOL_VERSION */
    rp_str robot;                   /* the robot's name, for logs */
    const rp_str *joints;           /* joint names in target order */
    size_t joint_count;
    const rp_sensor_term *sensors;  /* sensor terms in the order of a sensor frame's values */
    size_t sensor_count;
    int64_t period_ns;              /* control period, > 0 */
} rp_hello;

typedef struct rp_sensor_frame {
    uint64_t seq;        /* counts up by one per sensor frame */
    int64_t ts_ns;       /* robot clock when the sensors were sampled */
    const float *values; /* every sensor term's values, in Hello's order, flattened */
    size_t count;
} rp_sensor_frame;

typedef struct rp_action_frame {
    uint64_t seq;         /* the seq of the sensor frame the targets come from */
    int64_t rx_ns;        /* runtime clock when that sensor frame arrived */
    int64_t tx_ns;        /* runtime clock when this frame was sent */
    rp_action_mode mode;
    const float *targets; /* one per joint, in Hello's joint order */
    size_t count;
} rp_action_frame;

typedef struct rp_heartbeat {
    uint64_t seq;
    int64_t ts_ns;
} rp_heartbeat;

typedef struct rp_estop {
    uint32_t reason; /* 0: unspecified; other codes are the robot integration's */
    bool has_text;   /* false: "text" absent (encode leaves it out) or nil */
    rp_str text;
} rp_estop;

/* A goodbye: the sender ends the session on purpose (a robot whose episodes are done, or that is shutting down), so
 * the runtime sends its safe action and ends its run instead of waiting on its watchdog. Same fields as an estop. */
typedef rp_estop rp_goodbye;

typedef struct rp_fault {
    uint32_t code; /* 0: unspecified; other codes are the sender's */
    rp_str text;
} rp_fault;

/* Most bytes a message takes, as constant expressions for static buffers (the C# MaxLength values): a map32
 * header and the envelope, then each key with the widest encoding of its value. */
#define RP_ENVELOPE_MAX_LENGTH (5u + (2u + 9u) + (2u + 10u))
#define RP_SENSOR_MAX_LENGTH(values) (RP_ENVELOPE_MAX_LENGTH + 13u + 15u + 7u + 5u + 5u * (values))
#define RP_ACTION_MAX_LENGTH(targets) (RP_ENVELOPE_MAX_LENGTH + 13u + 15u + 15u + 13u + 8u + 5u + 5u * (targets))
#define RP_HEARTBEAT_MAX_LENGTH (RP_ENVELOPE_MAX_LENGTH + 13u + 15u)
#define RP_ESTOP_MAX_LENGTH(text_length) (RP_ENVELOPE_MAX_LENGTH + 12u + 10u + (text_length))
#define RP_FAULT_MAX_LENGTH(text_length) (RP_ENVELOPE_MAX_LENGTH + 10u + 10u + (text_length))
#define RP_GOODBYE_MAX_LENGTH(text_length) RP_ESTOP_MAX_LENGTH(text_length)

/* Most bytes this hello takes. */
size_t rp_hello_max_length(const rp_hello *hello);

/* Each encoder writes the message into dst (capacity bytes) and its length into *length; RP_ERR_NO_ROOM (with
 * the contents of dst unspecified) when it does not fit. */
rp_status rp_hello_encode(const rp_hello *hello, uint8_t *dst, size_t capacity, size_t *length);
rp_status rp_sensor_encode(const rp_sensor_frame *frame, uint8_t *dst, size_t capacity, size_t *length);
rp_status rp_action_encode(const rp_action_frame *frame, uint8_t *dst, size_t capacity, size_t *length);
rp_status rp_heartbeat_encode(const rp_heartbeat *heartbeat, uint8_t *dst, size_t capacity, size_t *length);
rp_status rp_estop_encode(const rp_estop *estop, uint8_t *dst, size_t capacity, size_t *length);
rp_status rp_fault_encode(const rp_fault *fault, uint8_t *dst, size_t capacity, size_t *length);
rp_status rp_goodbye_encode(const rp_goodbye *goodbye, uint8_t *dst, size_t capacity, size_t *length);

/* The type of a message after checking its envelope: RP_ERR_MALFORMED without "v" or "t" or with version 0,
 * RP_ERR_NEWER_VERSION (checked before the type), RP_ERR_UNKNOWN_TYPE, RP_ERR_FORMAT when it is not a map. Reads
 * only as far as the envelope, so a receive loop dispatches without decoding twice. */
rp_status rp_msg_peek_type(const uint8_t *msg, size_t length, rp_msg_type *type);

/* Each decoder checks the envelope (a message of another type is RP_ERR_MALFORMED), then reads the fields. Arrays
 * go into the caller's buffers; more elements than they hold is RP_ERR_TOO_MANY. For a hello, NULL joint or term
 * buffers mean "check and count, do not keep": the counts are set and the pointers left NULL. */
rp_status rp_hello_decode(const uint8_t *msg, size_t length, rp_hello *hello, rp_str *joints, size_t joints_capacity,
                          rp_sensor_term *terms, size_t terms_capacity);
rp_status rp_sensor_decode(const uint8_t *msg, size_t length, rp_sensor_frame *frame, float *values,
                           size_t values_capacity);
rp_status rp_action_decode(const uint8_t *msg, size_t length, rp_action_frame *frame, float *targets,
                           size_t targets_capacity);
rp_status rp_heartbeat_decode(const uint8_t *msg, size_t length, rp_heartbeat *heartbeat);
rp_status rp_estop_decode(const uint8_t *msg, size_t length, rp_estop *estop);
rp_status rp_fault_decode(const uint8_t *msg, size_t length, rp_fault *fault);
rp_status rp_goodbye_decode(const uint8_t *msg, size_t length, rp_goodbye *goodbye);

#ifdef __cplusplus
}
#endif

#endif
