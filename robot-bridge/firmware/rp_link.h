/* The robot's end of a serial link to the runtime: feed it the bytes the UART received and get whole, decoded
 * messages (through a callback, or one at a time by polling); send a message and it is encoded, framed and
 * handed to the caller's write function in one piece.
 *
 * No heap and no globals: the caller gives the link its buffers (size them with the macros below) and a write
 * function. A link is not thread-safe; use it from one context (the control loop, say), or guard it. */
#ifndef RP_LINK_H
#define RP_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rp_cobs.h"
#include "rp_messages.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes len bytes to the line (all of them, or fails); returns false on failure. A send's frame arrives in one
 * call, so the function may block until the UART has taken it, or queue it in a DMA buffer. */
typedef bool (*rp_write_fn)(void *context, const uint8_t *data, size_t len);

/* The receive buffer for messages of up to n bytes: the payload and its CRC. */
#define RP_LINK_RX_BUFFER_SIZE(n) ((n) + RP_CRC_LENGTH)

/* The transmit buffer for messages of up to n bytes: the largest frame (the message is encoded inside it, at
 * RP_FRAME_IN_PLACE_OFFSET(n), and framed in place). */
#define RP_LINK_TX_BUFFER_SIZE(n) RP_FRAME_MAX_LENGTH(n)

/* A decoded message. Strings and arrays point into the link's buffers: valid until the next feed or poll. */
typedef struct rp_message {
    rp_msg_type type;
    union {
        rp_hello hello; /* joints and sensor terms are checked and counted, not kept (the robot sends hellos) */
        rp_sensor_frame sensor;
        rp_action_frame action;
        rp_heartbeat heartbeat;
        rp_estop estop;
        rp_fault fault;
        rp_goodbye goodbye;
    } as;
} rp_message;

typedef void (*rp_message_fn)(void *context, const rp_message *message);

typedef struct rp_link_config {
    uint8_t *rx_buffer;     /* RP_LINK_RX_BUFFER_SIZE(largest message received) bytes */
    size_t rx_buffer_size;
    uint8_t *tx_buffer;     /* RP_LINK_TX_BUFFER_SIZE(largest message sent) bytes */
    size_t tx_buffer_size;
    float *values;          /* room for the targets of one action frame (or the values of a sensor frame) */
    size_t values_capacity;
    rp_write_fn write;      /* required to send */
    void *write_context;
    rp_message_fn on_message; /* called by rp_link_feed; may be NULL when only rp_link_poll is used */
    void *message_context;
} rp_link_config;

/* Counts of what arrived and what was sent. Frame drops are in the decoder (rx.oversized_frames, ...). */
typedef struct rp_link_stats {
    uint32_t messages_received;  /* decoded and delivered */
    uint32_t messages_sent;
    uint32_t malformed;          /* intact frames that are not a readable message: RP_ERR_FORMAT, _MALFORMED, _TOO_MANY */
    uint32_t unknown_type;       /* RP_ERR_UNKNOWN_TYPE */
    uint32_t newer_version;      /* RP_ERR_NEWER_VERSION: the runtime is newer than this firmware */
    rp_status last_error;        /* why the most recent message was dropped, for the log */
} rp_link_stats;

typedef struct rp_link {
    rp_link_config config;
    rp_frame_decoder rx;
    rp_link_stats stats;
    size_t tx_max_message; /* the largest message the transmit buffer frames in place */
} rp_link;

/* Sets up link with config's buffers; false when a buffer is missing or too small to hold any message. */
bool rp_link_init(rp_link *link, const rp_link_config *config);

/* Decodes the received bytes and calls on_message for every message in them; messages that cannot be read and
 * frames that arrive damaged are counted and dropped. A frame may be split across calls. */
void rp_link_feed(rp_link *link, const uint8_t *data, size_t len);

/* The pull form of rp_link_feed: consumes *data up to the end of the next readable message and returns true with
 * it in *message, or consumes everything and returns false. Advances *data and *len; call until false. */
bool rp_link_poll(rp_link *link, const uint8_t **data, size_t *len, rp_message *message);

/* Each send encodes the message into the transmit buffer, frames it there and writes the frame: RP_ERR_NO_ROOM
 * when it is larger than the buffer allows, RP_ERR_WRITE when the write function fails. */
rp_status rp_link_send_hello(rp_link *link, const rp_hello *hello);
rp_status rp_link_send_sensor(rp_link *link, const rp_sensor_frame *frame);
rp_status rp_link_send_action(rp_link *link, const rp_action_frame *frame);
rp_status rp_link_send_heartbeat(rp_link *link, const rp_heartbeat *heartbeat);
rp_status rp_link_send_estop(rp_link *link, const rp_estop *estop);
rp_status rp_link_send_fault(rp_link *link, const rp_fault *fault);

/* The largest message rp_link's transmit buffer carries. */
size_t rp_link_max_tx_message(const rp_link *link);

#ifdef __cplusplus
}
#endif

#endif
