#include "rp_link.h"

#include <string.h>

bool rp_link_init(rp_link *link, const rp_link_config *config)
{
    size_t n;
    memset(link, 0, sizeof *link);
    if (config == NULL || config->tx_buffer == NULL || config->tx_buffer_size < RP_FRAME_MAX_LENGTH(1u)) {
        return false;
    }
    link->config = *config;
    if (!rp_frame_decoder_init(&link->rx, config->rx_buffer, config->rx_buffer_size)) {
        return false;
    }
    /* The largest message whose frame fits: found once here, so a send needs no arithmetic beyond a compare. */
    n = config->tx_buffer_size - (RP_CRC_LENGTH + 2u);
    while (n > 0 && RP_FRAME_MAX_LENGTH(n) > config->tx_buffer_size) {
        n--;
    }
    link->tx_max_message = n;
    return true;
}

size_t rp_link_max_tx_message(const rp_link *link)
{
    return link->tx_max_message;
}

/* Decodes one intact payload by its type; the counts of what could not be read go in the stats. */
static bool rp_link_decode(rp_link *link, const uint8_t *msg, size_t len, rp_message *m)
{
    rp_status status = rp_msg_peek_type(msg, len, &m->type);
    if (status == RP_OK) {
        switch (m->type) {
        case RP_MSG_HELLO:
            status = rp_hello_decode(msg, len, &m->as.hello, NULL, 0, NULL, 0);
            break;
        case RP_MSG_SENSOR:
            status = rp_sensor_decode(msg, len, &m->as.sensor, link->config.values, link->config.values_capacity);
            break;
        case RP_MSG_ACTION:
            status = rp_action_decode(msg, len, &m->as.action, link->config.values, link->config.values_capacity);
            break;
        case RP_MSG_HEARTBEAT:
            status = rp_heartbeat_decode(msg, len, &m->as.heartbeat);
            break;
        case RP_MSG_ESTOP:
            status = rp_estop_decode(msg, len, &m->as.estop);
            break;
        case RP_MSG_FAULT:
            status = rp_fault_decode(msg, len, &m->as.fault);
            break;
        case RP_MSG_GOODBYE:
            status = rp_goodbye_decode(msg, len, &m->as.goodbye);
            break;
        }
    }
    switch (status) {
    case RP_OK:
        link->stats.messages_received++;
        return true;
    case RP_ERR_UNKNOWN_TYPE:
        link->stats.unknown_type++;
        break;
    case RP_ERR_NEWER_VERSION:
        link->stats.newer_version++;
        break;
    default:
        link->stats.malformed++;
        break;
    }
    link->stats.last_error = status;
    return false;
}

bool rp_link_poll(rp_link *link, const uint8_t **data, size_t *len, rp_message *message)
{
    const uint8_t *payload;
    size_t payload_len;
    while (rp_frame_decode(&link->rx, data, len, &payload, &payload_len)) {
        if (rp_link_decode(link, payload, payload_len, message)) {
            return true;
        }
    }
    return false;
}

void rp_link_feed(rp_link *link, const uint8_t *data, size_t len)
{
    rp_message message;
    while (rp_link_poll(link, &data, &len, &message)) {
        if (link->config.on_message != NULL) {
            link->config.on_message(link->config.message_context, &message);
        }
    }
}

/* Each encoder, behind one signature so the send path is written once. */
typedef rp_status (*rp_encode_fn)(const void *message, uint8_t *dst, size_t capacity, size_t *length);

static rp_status rp_link_send(rp_link *link, rp_encode_fn encode, const void *message)
{
    /* The message is encoded far enough into the transmit buffer for the framing to run in place over it. */
    size_t offset = RP_FRAME_IN_PLACE_OFFSET(link->tx_max_message);
    uint8_t *frame = link->config.tx_buffer;
    size_t length, frame_length;
    rp_status status = encode(message, frame + offset, link->tx_max_message, &length);
    if (status != RP_OK) {
        return status;
    }
    frame_length = rp_frame_encode(frame + offset, length, frame, link->config.tx_buffer_size);
    if (frame_length == 0) {
        return RP_ERR_NO_ROOM;
    }
    if (link->config.write == NULL || !link->config.write(link->config.write_context, frame, frame_length)) {
        return RP_ERR_WRITE;
    }
    link->stats.messages_sent++;
    return RP_OK;
}

static rp_status rp_encode_hello(const void *m, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_hello_encode((const rp_hello *)m, dst, capacity, length);
}

static rp_status rp_encode_sensor(const void *m, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_sensor_encode((const rp_sensor_frame *)m, dst, capacity, length);
}

static rp_status rp_encode_action(const void *m, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_action_encode((const rp_action_frame *)m, dst, capacity, length);
}

static rp_status rp_encode_heartbeat(const void *m, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_heartbeat_encode((const rp_heartbeat *)m, dst, capacity, length);
}

static rp_status rp_encode_estop(const void *m, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_estop_encode((const rp_estop *)m, dst, capacity, length);
}

static rp_status rp_encode_fault(const void *m, uint8_t *dst, size_t capacity, size_t *length)
{
    return rp_fault_encode((const rp_fault *)m, dst, capacity, length);
}

rp_status rp_link_send_hello(rp_link *link, const rp_hello *hello)
{
    return rp_link_send(link, rp_encode_hello, hello);
}

rp_status rp_link_send_sensor(rp_link *link, const rp_sensor_frame *frame)
{
    return rp_link_send(link, rp_encode_sensor, frame);
}

rp_status rp_link_send_action(rp_link *link, const rp_action_frame *frame)
{
    return rp_link_send(link, rp_encode_action, frame);
}

rp_status rp_link_send_heartbeat(rp_link *link, const rp_heartbeat *heartbeat)
{
    return rp_link_send(link, rp_encode_heartbeat, heartbeat);
}

rp_status rp_link_send_estop(rp_link *link, const rp_estop *estop)
{
    return rp_link_send(link, rp_encode_estop, estop);
}

rp_status rp_link_send_fault(rp_link *link, const rp_fault *fault)
{
    return rp_link_send(link, rp_encode_fault, fault);
}
