/* The link: sends come out as the C# FrameEncoder's frames, and a second link (standing in for the runtime)
 * decodes them whatever the chunking, through the callback or by polling, counting damaged frames and unreadable
 * messages while it keeps going. */
#include <string.h>

#include "rp_link.h"
#include "rp_test.h"

#define MAX_MESSAGE 256

/* What the write function saw: the wire. */
typedef struct {
    uint8_t bytes[8192];
    size_t length;
    size_t writes;
    bool fail;
} wire;

static bool write_to_wire(void *context, const uint8_t *data, size_t len)
{
    wire *w = (wire *)context;
    if (w->fail || len > sizeof w->bytes - w->length) {
        return false;
    }
    memcpy(w->bytes + w->length, data, len);
    w->length += len;
    w->writes++;
    return true;
}

/* What the receiving callback saw. */
typedef struct {
    size_t count;
    rp_msg_type types[64];
    uint64_t seqs[64];
    float first_values[64];
} inbox;

static void collect(void *context, const rp_message *m)
{
    inbox *in = (inbox *)context;
    if (in->count < 64) {
        in->types[in->count] = m->type;
        in->seqs[in->count] = m->type == RP_MSG_SENSOR   ? m->as.sensor.seq
                              : m->type == RP_MSG_ACTION ? m->as.action.seq
                              : m->type == RP_MSG_HEARTBEAT ? m->as.heartbeat.seq
                                                            : 0;
        in->first_values[in->count] = m->type == RP_MSG_SENSOR && m->as.sensor.count > 0 ? m->as.sensor.values[0] : 0;
    }
    in->count++;
}

typedef struct {
    rp_link link;
    uint8_t rx[RP_LINK_RX_BUFFER_SIZE(MAX_MESSAGE)];
    uint8_t tx[RP_LINK_TX_BUFFER_SIZE(MAX_MESSAGE)];
    float values[16];
} endpoint;

static void open_endpoint(endpoint *e, wire *out, inbox *in)
{
    rp_link_config c;
    memset(&c, 0, sizeof c);
    c.rx_buffer = e->rx;
    c.rx_buffer_size = sizeof e->rx;
    c.tx_buffer = e->tx;
    c.tx_buffer_size = sizeof e->tx;
    c.values = e->values;
    c.values_capacity = 16;
    c.write = write_to_wire;
    c.write_context = out;
    c.on_message = collect;
    c.message_context = in;
    CHECK(rp_link_init(&e->link, &c));
}

static void a_send_is_the_csharp_frame_in_one_write(void)
{
    static endpoint robot;
    static wire line;
    static inbox unused;
    const float values[] = { 1.0f, -2.5f };
    rp_sensor_frame f = { 7, 123456789, values, 2 };
    uint8_t expected[128];
    size_t n = rp_test_hex(
        "2985a17601a174a673656e736f72a373657107a574735f6e73ce075bcd15a676616c75657392ca3f800104cac020010595e5519800",
        expected, sizeof expected);
    memset(&line, 0, sizeof line);
    open_endpoint(&robot, &line, &unused);
    CHECK(rp_link_max_tx_message(&robot.link) >= MAX_MESSAGE);
    CHECK_EQ(RP_OK, rp_link_send_sensor(&robot.link, &f));
    CHECK_EQ(1, line.writes);
    CHECK_BYTES(expected, n, line.bytes, line.length);
    CHECK_EQ(1, robot.link.stats.messages_sent);
}

static void messages_cross_in_any_chunking_with_damage_counted(void)
{
    static endpoint robot, runtime;
    static wire line, back;
    static inbox robot_in, runtime_in;
    const rp_str joints[] = { RP_STR("a"), RP_STR("b") };
    const rp_sensor_term terms[] = { { RP_STR("imu"), 6 } };
    rp_hello h;
    size_t chunk, i;
    memset(&line, 0, sizeof line);
    memset(&h, 0, sizeof h);
    open_endpoint(&robot, &line, &robot_in);
    h.robot = rp_str_of("test");
    h.joints = joints;
    h.joint_count = 2;
    h.sensors = terms;
    h.sensor_count = 1;
    h.period_ns = 5000000;
    CHECK_EQ(RP_OK, rp_link_send_hello(&robot.link, &h));
    for (i = 0; i < 10; i++) {
        float v[6] = { (float)i, 1, 2, 3, 4, 5 };
        rp_sensor_frame f;
        f.seq = i;
        f.ts_ns = (int64_t)i * 1000;
        f.values = v;
        f.count = 6;
        CHECK_EQ(RP_OK, rp_link_send_sensor(&robot.link, &f));
        if (i == 4) {
            /* Noise on the line between two frames: garbage, then a truncated frame. */
            memcpy(line.bytes + line.length, "\x02\x41\x00\x09\x11\x22\x00", 7);
            line.length += 7;
        }
    }
    {
        rp_heartbeat hb = { 99, 1 };
        rp_estop e = { 3, true, RP_STR("stop") };
        rp_fault fl = { 4, RP_STR("broken") };
        CHECK_EQ(RP_OK, rp_link_send_heartbeat(&robot.link, &hb));
        CHECK_EQ(RP_OK, rp_link_send_estop(&robot.link, &e));
        CHECK_EQ(RP_OK, rp_link_send_fault(&robot.link, &fl));
    }
    for (chunk = 1; chunk <= 64; chunk = chunk * 2 + 1) {
        size_t offset = 0;
        memset(&runtime_in, 0, sizeof runtime_in);
        memset(&back, 0, sizeof back);
        open_endpoint(&runtime, &back, &runtime_in);
        while (offset < line.length) {
            size_t n = chunk < line.length - offset ? chunk : line.length - offset;
            rp_link_feed(&runtime.link, line.bytes + offset, n);
            offset += n;
        }
        CHECK_EQ(14, runtime_in.count);
        CHECK_EQ(RP_MSG_HELLO, runtime_in.types[0]);
        for (i = 0; i < 10; i++) {
            CHECK_EQ(RP_MSG_SENSOR, runtime_in.types[1 + i]);
            CHECK_EQ(i, runtime_in.seqs[1 + i]);
            CHECK(runtime_in.first_values[1 + i] == (float)i);
        }
        CHECK_EQ(RP_MSG_HEARTBEAT, runtime_in.types[11]);
        CHECK_EQ(99, runtime_in.seqs[11]);
        CHECK_EQ(RP_MSG_ESTOP, runtime_in.types[12]);
        CHECK_EQ(RP_MSG_FAULT, runtime_in.types[13]);
        CHECK_EQ(1, runtime.link.rx.garbage_frames);
        CHECK_EQ(1, runtime.link.rx.truncated_frames);
        CHECK_EQ(14, runtime.link.stats.messages_received);
    }
}

static void unreadable_messages_are_counted_by_kind_and_polling_goes_on(void)
{
    static endpoint runtime;
    static wire line, back;
    static inbox in;
    uint8_t message[64];
    rp_mp_writer w;
    rp_message m;
    const uint8_t *data;
    size_t len, n = 0;
    memset(&line, 0, sizeof line);
    open_endpoint(&runtime, &back, &in);
    /* version 2; an unknown type; a heartbeat without ts_ns; an action with 17 targets (more than 16); a heartbeat. */
    rp_mp_writer_init(&w, message, sizeof message);
    rp_mp_write_map_header(&w, 2);
    rp_mp_write_str(&w, "v", 1);
    rp_mp_write_uint(&w, RP_PROTOCOL_VERSION + 1);
    rp_mp_write_str(&w, "t", 1);
    rp_mp_write_str(&w, "zap", 3);
    line.length += rp_frame_encode(message, w.position, line.bytes + line.length, 100);
    message[3] = 1; /* 82 a176 03: the version byte */
    line.length += rp_frame_encode(message, w.position, line.bytes + line.length, 100);
    rp_mp_writer_init(&w, message, sizeof message);
    rp_mp_write_map_header(&w, 3);
    rp_mp_write_str(&w, "v", 1);
    rp_mp_write_uint(&w, 1);
    rp_mp_write_str(&w, "t", 1);
    rp_mp_write_str(&w, "heartbeat", 9);
    rp_mp_write_str(&w, "seq", 3);
    rp_mp_write_uint(&w, 1);
    line.length += rp_frame_encode(message, w.position, line.bytes + line.length, 100);
    {
        float many[17] = { 0 };
        rp_action_frame a = { 1, 2, 3, RP_MODE_NORMAL, many, 17 };
        uint8_t big[RP_ACTION_MAX_LENGTH(17)];
        CHECK_EQ(RP_OK, rp_action_encode(&a, big, sizeof big, &len));
        line.length += rp_frame_encode(big, len, line.bytes + line.length, RP_FRAME_MAX_LENGTH(len));
    }
    {
        rp_heartbeat hb = { 8, 9 };
        CHECK_EQ(RP_OK, rp_heartbeat_encode(&hb, message, sizeof message, &len));
        line.length += rp_frame_encode(message, len, line.bytes + line.length, 100);
    }
    data = line.bytes;
    len = line.length;
    while (rp_link_poll(&runtime.link, &data, &len, &m)) {
        n++;
        CHECK_EQ(RP_MSG_HEARTBEAT, m.type);
        CHECK_EQ(8, m.as.heartbeat.seq);
    }
    CHECK_EQ(1, n);
    CHECK_EQ(0, len);
    CHECK_EQ(1, runtime.link.stats.newer_version);
    CHECK_EQ(1, runtime.link.stats.unknown_type);
    CHECK_EQ(2, runtime.link.stats.malformed);
    CHECK_EQ(RP_ERR_TOO_MANY, runtime.link.stats.last_error);
    CHECK_EQ(0, in.count); /* polling does not call the callback */
}

static void sends_fail_cleanly_when_too_big_or_the_write_fails(void)
{
    static endpoint robot;
    static wire line;
    static inbox in;
    float values[60] = { 0 };
    rp_sensor_frame f = { 1, 1, values, 60 }; /* more than MAX_MESSAGE bytes */
    rp_heartbeat hb = { 1, 1 };
    rp_link small;
    rp_link_config c;
    uint8_t tiny[RP_LINK_TX_BUFFER_SIZE(10)], rx[16];
    memset(&line, 0, sizeof line);
    open_endpoint(&robot, &line, &in);
    CHECK_EQ(RP_ERR_NO_ROOM, rp_link_send_sensor(&robot.link, &f));
    CHECK_EQ(0, line.writes);
    line.fail = true;
    CHECK_EQ(RP_ERR_WRITE, rp_link_send_heartbeat(&robot.link, &hb));
    CHECK_EQ(0, robot.link.stats.messages_sent);
    memset(&c, 0, sizeof c);
    c.rx_buffer = rx;
    c.rx_buffer_size = sizeof rx;
    c.tx_buffer = tiny;
    c.tx_buffer_size = sizeof tiny;
    c.write = write_to_wire;
    c.write_context = &line;
    CHECK(rp_link_init(&small, &c));
    CHECK_EQ(10, rp_link_max_tx_message(&small));
    c.tx_buffer_size = 3;
    CHECK(!rp_link_init(&small, &c));
    c.tx_buffer_size = sizeof tiny;
    c.rx_buffer = NULL;
    CHECK(!rp_link_init(&small, &c));
}

int main(void)
{
    RP_RUN(a_send_is_the_csharp_frame_in_one_write);
    RP_RUN(messages_cross_in_any_chunking_with_damage_counted);
    RP_RUN(unreadable_messages_are_counted_by_kind_and_polling_goes_on);
    RP_RUN(sends_fail_cleanly_when_too_big_or_the_write_fails);
    return rp_test_summary("link");
}
