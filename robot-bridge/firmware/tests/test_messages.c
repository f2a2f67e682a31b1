/* Messages: encoding gives the C# side's bytes (golden vectors from RobotPolicy.Bridge's writers), decoding
 * gives the values back, and the readers follow the C# rules: keys in any order, unknown keys skipped, other
 * integer widths and float64 accepted, a newer version refused before the type, and every malformed message
 * refused with the C# side's kind of error. */
#include <float.h>
#include <string.h>

#include "rp_messages.h"
#include "rp_test.h"

/* new Hello("c99-sim", ["hip", "knee", "ankle"], [("targets", 3), ("action", 2)], 20_000_000).Write(...) */
static const char *const golden_hello =
    "86a17601a174a568656c6c6fa5726f626f74a76339392d73696da66a6f696e747393a3686970a46b6e6565a5616e6b6c65a773656e73"
    "6f72739282a46e616d65a774617267657473a473697a650382a46e616d65a6616374696f6ea473697a6502a9706572696f645f6e73ce01"
    "312d00";
/* new SensorFrame(7, 123456789, [1.0f, -2.5f]) */
static const char *const golden_sensor1 =
    "85a17601a174a673656e736f72a373657107a574735f6e73ce075bcd15a676616c75657392ca3f800000cac0200000";
/* new SensorFrame(0x1_0000_0000, -129, [0f, -0f, float.MaxValue, float.Epsilon, 1e-3f]) */
static const char *const golden_sensor2 =
    "85a17601a174a673656e736f72a3736571cf0000000100000000a574735f6e73d1ff7fa676616c75657395ca00000000ca80000000ca7f"
    "7fffffca00000001ca3a83126f";
/* new ActionFrame(41, 1000, 2000, ActionMode.Hold, [0.25f, -1f, 3.5f]) */
static const char *const golden_action1 =
    "87a17601a174a6616374696f6ea373657129a572785f6e73cd03e8a574785f6e73cd07d0a46d6f6465a4686f6c64a77461726765747393"
    "ca3e800000cabf800000ca40600000";
/* new ActionFrame(ulong.MaxValue, long.MinValue, -33, ActionMode.Damping, []) */
static const char *const golden_action2 =
    "87a17601a174a6616374696f6ea3736571cfffffffffffffffffa572785f6e73d38000000000000000a574785f6e73d0dfa46d6f6465a7"
    "64616d70696e67a77461726765747390";
/* new ActionFrame(65536, 4294967296, 255, ActionMode.Safe, 16 targets i * 0.5f - 3f): an array16 */
static const char *const golden_action3 =
    "87a17601a174a6616374696f6ea3736571ce00010000a572785f6e73cf0000000100000000a574785f6e73ccffa46d6f6465a473616665"
    "a774617267657473dc0010cac0400000cac0200000cac0000000cabfc00000cabf800000cabf000000ca00000000ca3f000000ca3f8000"
    "00ca3fc00000ca40000000ca40200000ca40400000ca40600000ca40800000ca40900000";
/* new Heartbeat(3, 987654321012) */
static const char *const golden_heartbeat = "84a17601a174a9686561727462656174a373657103a574735f6e73cf000000e5f4c8f374";
/* new EStop(0) */
static const char *const golden_estop1 = "83a17601a174a56573746f70a6726561736f6e00";
/* new EStop(70000, "motor 3 over temperature") */
static const char *const golden_estop2 =
    "84a17601a174a56573746f70a6726561736f6ece00011170a474657874b86d6f746f722033206f7665722074656d7065726174757265";
/* new Fault(5, "imu timeout") */
static const char *const golden_fault1 = "84a17601a174a56661756c74a4636f646505a474657874ab696d752074696d656f7574";
/* new Fault(uint.MaxValue, "a text of forty bytes, so it is a str8!!") */
/* new Goodbye(0).Write(...): protocol version 2, the version that added the type */
static const char *const golden_goodbye1 = "83a17602a174a7676f6f64627965a6726561736f6e00";
/* new Goodbye(300, "4 episodes done") */
static const char *const golden_goodbye2 =
    "84a17602a174a7676f6f64627965a6726561736f6ecd012ca474657874af3420657069736f64657320646f6e65";
static const char *const golden_fault2 =
    "84a17601a174a56661756c74a4636f6465ceffffffffa474657874d928612074657874206f6620666f7274792062797465732c20736f20"
    "6974206973206120737472382121";

static uint8_t expected[512], actual[512];
static size_t expected_len, actual_len;

static const rp_str hello_joints[] = { RP_STR("hip"), RP_STR("knee"), RP_STR("ankle") };
static const rp_sensor_term hello_terms[] = { { RP_STR("targets"), 3 }, { RP_STR("action"), 2 } };

static rp_hello example_hello(void)
{
    rp_hello h;
    memset(&h, 0, sizeof h);
    h.robot = rp_str_of("c99-sim");
    h.joints = hello_joints;
    h.joint_count = 3;
    h.sensors = hello_terms;
    h.sensor_count = 2;
    h.period_ns = 20000000;
    return h;
}

static void hello_is_byte_identical_and_round_trips(void)
{
    rp_hello h = example_hello(), back;
    rp_str joints[4];
    rp_sensor_term terms[4];
    expected_len = rp_test_hex(golden_hello, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_hello_encode(&h, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= rp_hello_max_length(&h));
    CHECK_EQ(RP_OK, rp_hello_decode(expected, expected_len, &back, joints, 4, terms, 4));
    CHECK_EQ(1, back.version);
    CHECK(rp_str_equals(back.robot, "c99-sim"));
    CHECK_EQ(3, back.joint_count);
    CHECK(back.joints == joints);
    CHECK(rp_str_equals(joints[0], "hip") && rp_str_equals(joints[1], "knee") && rp_str_equals(joints[2], "ankle"));
    CHECK_EQ(2, back.sensor_count);
    CHECK(rp_str_equals(terms[0].name, "targets") && terms[0].size == 3);
    CHECK(rp_str_equals(terms[1].name, "action") && terms[1].size == 2);
    CHECK_EQ(20000000, back.period_ns);
    /* Check and count only, keeping nothing: what the robot's own link does with a hello. */
    CHECK_EQ(RP_OK, rp_hello_decode(expected, expected_len, &back, NULL, 0, NULL, 0));
    CHECK_EQ(3, back.joint_count);
    CHECK(back.joints == NULL);
    /* Buffers too small. */
    CHECK_EQ(RP_ERR_TOO_MANY, rp_hello_decode(expected, expected_len, &back, joints, 2, terms, 4));
    CHECK_EQ(RP_ERR_TOO_MANY, rp_hello_decode(expected, expected_len, &back, joints, 4, terms, 1));
}

static void sensor_frames_are_byte_identical_and_round_trip(void)
{
    const float values1[] = { 1.0f, -2.5f };
    const float values2[] = { 0.0f, -0.0f, FLT_MAX, 1.40129846e-45f, 1e-3f };
    rp_sensor_frame f = { 7, 123456789, values1, 2 }, back;
    float got[8];
    size_t i;
    expected_len = rp_test_hex(golden_sensor1, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_sensor_encode(&f, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= RP_SENSOR_MAX_LENGTH(2));
    CHECK_EQ(RP_OK, rp_sensor_decode(expected, expected_len, &back, got, 8));
    CHECK(back.seq == 7 && back.ts_ns == 123456789 && back.count == 2 && back.values == got);
    CHECK(got[0] == 1.0f && got[1] == -2.5f);

    f.seq = 0x100000000ULL;
    f.ts_ns = -129;
    f.values = values2;
    f.count = 5;
    expected_len = rp_test_hex(golden_sensor2, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_sensor_encode(&f, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK_EQ(RP_OK, rp_sensor_decode(expected, expected_len, &back, got, 8));
    CHECK(back.seq == 0x100000000ULL && back.ts_ns == -129 && back.count == 5);
    for (i = 0; i < 5; i++) {
        CHECK(memcmp(&got[i], &values2[i], sizeof(float)) == 0); /* bit for bit: -0 stays -0 */
    }
    CHECK_EQ(RP_ERR_TOO_MANY, rp_sensor_decode(expected, expected_len, &back, got, 4));
}

static void action_frames_are_byte_identical_and_round_trip(void)
{
    const float targets1[] = { 0.25f, -1.0f, 3.5f };
    float targets3[16], got[16];
    rp_action_frame f = { 41, 1000, 2000, RP_MODE_HOLD, targets1, 3 }, back;
    size_t i;
    expected_len = rp_test_hex(golden_action1, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_action_encode(&f, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= RP_ACTION_MAX_LENGTH(3));
    CHECK_EQ(RP_OK, rp_action_decode(expected, expected_len, &back, got, 16));
    CHECK(back.seq == 41 && back.rx_ns == 1000 && back.tx_ns == 2000 && back.mode == RP_MODE_HOLD && back.count == 3);
    CHECK(got[0] == 0.25f && got[1] == -1.0f && got[2] == 3.5f);

    f.seq = UINT64_MAX;
    f.rx_ns = INT64_MIN;
    f.tx_ns = -33;
    f.mode = RP_MODE_DAMPING;
    f.targets = NULL;
    f.count = 0;
    expected_len = rp_test_hex(golden_action2, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_action_encode(&f, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK_EQ(RP_OK, rp_action_decode(expected, expected_len, &back, NULL, 0));
    CHECK(back.seq == UINT64_MAX && back.rx_ns == INT64_MIN && back.tx_ns == -33 && back.mode == RP_MODE_DAMPING);
    CHECK_EQ(0, back.count);

    for (i = 0; i < 16; i++) {
        targets3[i] = (float)i * 0.5f - 3.0f;
    }
    f.seq = 65536;
    f.rx_ns = 4294967296LL;
    f.tx_ns = 255;
    f.mode = RP_MODE_SAFE;
    f.targets = targets3;
    f.count = 16;
    expected_len = rp_test_hex(golden_action3, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_action_encode(&f, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK_EQ(RP_OK, rp_action_decode(expected, expected_len, &back, got, 16));
    CHECK(back.mode == RP_MODE_SAFE && back.count == 16 && got[15] == 4.5f);
    f.mode = (rp_action_mode)4;
    CHECK_EQ(RP_ERR_ARGUMENT, rp_action_encode(&f, actual, sizeof actual, &actual_len));
}

static void heartbeat_estop_and_fault_are_byte_identical_and_round_trip(void)
{
    rp_heartbeat hb = { 3, 987654321012LL }, hb_back;
    rp_estop e = { 0, false, { NULL, 0 } }, e_back;
    rp_fault fl = { 5, RP_STR("imu timeout") }, fl_back;

    expected_len = rp_test_hex(golden_heartbeat, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_heartbeat_encode(&hb, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= RP_HEARTBEAT_MAX_LENGTH);
    CHECK_EQ(RP_OK, rp_heartbeat_decode(expected, expected_len, &hb_back));
    CHECK(hb_back.seq == 3 && hb_back.ts_ns == 987654321012LL);

    expected_len = rp_test_hex(golden_estop1, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_estop_encode(&e, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK_EQ(RP_OK, rp_estop_decode(expected, expected_len, &e_back));
    CHECK(e_back.reason == 0 && !e_back.has_text);

    e.reason = 70000;
    e.has_text = true;
    e.text = rp_str_of("motor 3 over temperature");
    expected_len = rp_test_hex(golden_estop2, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_estop_encode(&e, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= RP_ESTOP_MAX_LENGTH(24));
    CHECK_EQ(RP_OK, rp_estop_decode(expected, expected_len, &e_back));
    CHECK(e_back.reason == 70000 && e_back.has_text && rp_str_equals(e_back.text, "motor 3 over temperature"));

    expected_len = rp_test_hex(golden_fault1, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_fault_encode(&fl, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK_EQ(RP_OK, rp_fault_decode(expected, expected_len, &fl_back));
    CHECK(fl_back.code == 5 && rp_str_equals(fl_back.text, "imu timeout"));

    fl.code = UINT32_MAX;
    fl.text = rp_str_of("a text of forty bytes, so it is a str8!!");
    expected_len = rp_test_hex(golden_fault2, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_fault_encode(&fl, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= RP_FAULT_MAX_LENGTH(40));
    CHECK_EQ(RP_OK, rp_fault_decode(expected, expected_len, &fl_back));
    CHECK(fl_back.code == UINT32_MAX && fl_back.text.length == 40);
}

static void goodbye_is_byte_identical_written_as_version_2_and_round_trips(void)
{
    rp_goodbye g = { 0, false, { NULL, 0 } }, g_back;
    rp_msg_type type;

    expected_len = rp_test_hex(golden_goodbye1, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_goodbye_encode(&g, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK_EQ(RP_OK, rp_msg_peek_type(expected, expected_len, &type));
    CHECK_EQ(RP_MSG_GOODBYE, type);
    CHECK_EQ(RP_OK, rp_goodbye_decode(expected, expected_len, &g_back));
    CHECK(g_back.reason == 0 && !g_back.has_text);

    g.reason = 300;
    g.has_text = true;
    g.text = rp_str_of("4 episodes done");
    expected_len = rp_test_hex(golden_goodbye2, expected, sizeof expected);
    CHECK_EQ(RP_OK, rp_goodbye_encode(&g, actual, sizeof actual, &actual_len));
    CHECK_BYTES(expected, expected_len, actual, actual_len);
    CHECK(actual_len <= RP_GOODBYE_MAX_LENGTH(15));
    CHECK_EQ(RP_OK, rp_goodbye_decode(expected, expected_len, &g_back));
    CHECK(g_back.reason == 300 && g_back.has_text && rp_str_equals(g_back.text, "4 episodes done"));
    /* A goodbye is not an estop, and the other way round. */
    CHECK_EQ(RP_ERR_MALFORMED, rp_estop_decode(expected, expected_len, &g_back));
    expected_len = rp_test_hex(golden_estop1, expected, sizeof expected);
    CHECK_EQ(RP_ERR_MALFORMED, rp_goodbye_decode(expected, expected_len, &g_back));
}

static void peek_type_names_each_golden_message(void)
{
    const char *messages[] = { golden_hello, golden_sensor1, golden_action1, golden_heartbeat, golden_estop1,
                               golden_fault1 };
    const rp_msg_type types[] = { RP_MSG_HELLO, RP_MSG_SENSOR, RP_MSG_ACTION, RP_MSG_HEARTBEAT, RP_MSG_ESTOP,
                                  RP_MSG_FAULT };
    size_t i;
    for (i = 0; i < 6; i++) {
        rp_msg_type type;
        expected_len = rp_test_hex(messages[i], expected, sizeof expected);
        CHECK_EQ(RP_OK, rp_msg_peek_type(expected, expected_len, &type));
        CHECK_EQ(types[i], type);
    }
}

/* Writes a map of the given pairs, built by the caller with the writer. */
static rp_mp_writer start(void)
{
    rp_mp_writer w;
    rp_mp_writer_init(&w, actual, sizeof actual);
    return w;
}

#define KEY(w, k) rp_mp_write_str((w), (k), strlen(k))

static void keys_in_any_order_unknown_keys_and_other_widths_are_read(void)
{
    rp_mp_writer w = start();
    rp_sensor_frame f;
    rp_action_frame a;
    float got[4];
    /* A sensor frame as another library might write it: keys reversed, an unknown key with a nested value, seq
     * as a uint64, ts_ns as an int64, values as float64 and integers. */
    rp_mp_write_map_header(&w, 6);
    KEY(&w, "values");
    rp_mp_write_array_header(&w, 3);
    rp_mp_write_double(&w, 0.5);
    rp_mp_write_uint(&w, 2);
    rp_mp_write_int(&w, -3);
    KEY(&w, "extra");
    rp_mp_write_map_header(&w, 1);
    rp_mp_write_uint(&w, 1); /* a non-string key inside, too */
    rp_mp_write_array_header(&w, 2);
    rp_mp_write_nil(&w);
    rp_mp_write_str(&w, "x", 1);
    {
        /* ts_ns and seq in the widest encodings, written by hand. */
        static const uint8_t ts[] = { 0xa5, 't', 's', '_', 'n', 's', 0xd3, 0, 0, 0, 0, 0, 0, 0, 42 };
        static const uint8_t seq[] = { 0xa3, 's', 'e', 'q', 0xcf, 0, 0, 0, 0, 0, 0, 0, 9 };
        memcpy(actual + w.position, ts, sizeof ts);
        w.position += sizeof ts;
        memcpy(actual + w.position, seq, sizeof seq);
        w.position += sizeof seq;
    }
    KEY(&w, "t");
    KEY(&w, "sensor");
    KEY(&w, "v");
    rp_mp_write_uint(&w, 1);
    CHECK_EQ(RP_MP_OK, w.error);
    CHECK_EQ(RP_OK, rp_sensor_decode(actual, w.position, &f, got, 4));
    CHECK(f.seq == 9 && f.ts_ns == 42 && f.count == 3);
    CHECK(got[0] == 0.5f && got[1] == 2.0f && got[2] == -3.0f);

    /* An action frame with a key the reader does not know yet, before the envelope. */
    w = start();
    rp_mp_write_map_header(&w, 8);
    KEY(&w, "future_field");
    rp_mp_write_bool(&w, true);
    KEY(&w, "targets");
    rp_mp_write_array_header(&w, 1);
    rp_mp_write_float(&w, 1.5f);
    KEY(&w, "mode");
    KEY(&w, "normal");
    KEY(&w, "tx_ns");
    rp_mp_write_int(&w, 2);
    KEY(&w, "rx_ns");
    rp_mp_write_int(&w, 1);
    KEY(&w, "seq");
    rp_mp_write_uint(&w, 5);
    KEY(&w, "t");
    KEY(&w, "action");
    KEY(&w, "v");
    rp_mp_write_uint(&w, 1);
    CHECK_EQ(RP_OK, rp_action_decode(actual, w.position, &a, got, 4));
    CHECK(a.seq == 5 && a.rx_ns == 1 && a.tx_ns == 2 && a.mode == RP_MODE_NORMAL && a.count == 1 && got[0] == 1.5f);
}

/* An envelope with the given version and tag, then the body pairs (written by the caller). */
static rp_mp_writer envelope(uint32_t pairs, uint64_t version, const char *tag)
{
    rp_mp_writer w = start();
    rp_mp_write_map_header(&w, pairs);
    KEY(&w, "v");
    rp_mp_write_uint(&w, version);
    KEY(&w, "t");
    KEY(&w, tag);
    return w;
}

static void refuses_what_the_csharp_side_refuses(void)
{
    rp_mp_writer w;
    rp_msg_type type;
    rp_heartbeat hb;
    rp_estop e;
    rp_fault fl;
    rp_hello h;
    rp_action_frame a;
    float got[4];

    /* A newer version is refused before the type is looked at: a newer peer may send new types. */
    w = envelope(2, RP_PROTOCOL_VERSION + 1, "teleport");
    CHECK_EQ(RP_ERR_NEWER_VERSION, rp_msg_peek_type(actual, w.position, &type));
    w = envelope(2, 1, "teleport");
    CHECK_EQ(RP_ERR_UNKNOWN_TYPE, rp_msg_peek_type(actual, w.position, &type));
    w = envelope(2, 0, "heartbeat");
    CHECK_EQ(RP_ERR_MALFORMED, rp_msg_peek_type(actual, w.position, &type));
    /* No "v"; no "t"; not a map; a negative version. */
    w = start();
    rp_mp_write_map_header(&w, 1);
    KEY(&w, "t");
    KEY(&w, "heartbeat");
    CHECK_EQ(RP_ERR_MALFORMED, rp_msg_peek_type(actual, w.position, &type));
    w = start();
    rp_mp_write_map_header(&w, 1);
    KEY(&w, "v");
    rp_mp_write_uint(&w, 1);
    CHECK_EQ(RP_ERR_MALFORMED, rp_msg_peek_type(actual, w.position, &type));
    w = start();
    rp_mp_write_array_header(&w, 0);
    CHECK_EQ(RP_ERR_FORMAT, rp_msg_peek_type(actual, w.position, &type));
    w = start();
    rp_mp_write_map_header(&w, 1);
    KEY(&w, "v");
    rp_mp_write_int(&w, -1);
    CHECK_EQ(RP_ERR_FORMAT, rp_msg_peek_type(actual, w.position, &type));

    /* The wrong type for the decoder. */
    expected_len = rp_test_hex(golden_heartbeat, expected, sizeof expected);
    CHECK_EQ(RP_ERR_MALFORMED, rp_estop_decode(expected, expected_len, &e));
    /* Bytes after the map. */
    memcpy(actual, expected, expected_len);
    actual[expected_len] = 0xc0;
    CHECK_EQ(RP_ERR_MALFORMED, rp_heartbeat_decode(actual, expected_len + 1, &hb));
    /* A required key missing. */
    w = envelope(3, 1, "heartbeat");
    KEY(&w, "seq");
    rp_mp_write_uint(&w, 1);
    CHECK_EQ(RP_ERR_MALFORMED, rp_heartbeat_decode(actual, w.position, &hb));
    w = envelope(3, 1, "fault");
    KEY(&w, "code");
    rp_mp_write_uint(&w, 1);
    CHECK_EQ(RP_ERR_MALFORMED, rp_fault_decode(actual, w.position, &fl));
    /* A field of the wrong type or out of range. */
    w = envelope(4, 1, "heartbeat");
    KEY(&w, "seq");
    rp_mp_write_int(&w, -1);
    KEY(&w, "ts_ns");
    rp_mp_write_int(&w, 1);
    CHECK_EQ(RP_ERR_FORMAT, rp_heartbeat_decode(actual, w.position, &hb));
    w = envelope(3, 1, "estop");
    KEY(&w, "reason");
    rp_mp_write_uint(&w, 0x100000000ULL);
    CHECK_EQ(RP_ERR_FORMAT, rp_estop_decode(actual, w.position, &e));
    /* An estop's text may be nil; a fault's may not. */
    w = envelope(4, 1, "estop");
    KEY(&w, "reason");
    rp_mp_write_uint(&w, 2);
    KEY(&w, "text");
    rp_mp_write_nil(&w);
    CHECK_EQ(RP_OK, rp_estop_decode(actual, w.position, &e));
    CHECK(e.reason == 2 && !e.has_text);
    w = envelope(4, 1, "fault");
    KEY(&w, "code");
    rp_mp_write_uint(&w, 2);
    KEY(&w, "text");
    rp_mp_write_nil(&w);
    CHECK_EQ(RP_ERR_FORMAT, rp_fault_decode(actual, w.position, &fl));
    /* Text that is not UTF-8. */
    w = envelope(4, 1, "fault");
    KEY(&w, "code");
    rp_mp_write_uint(&w, 2);
    KEY(&w, "text");
    rp_mp_write_str(&w, "\xc0\x80", 2);
    CHECK_EQ(RP_ERR_FORMAT, rp_fault_decode(actual, w.position, &fl));
    /* An unknown mode; too many targets. */
    w = envelope(7, 1, "action");
    KEY(&w, "seq");
    rp_mp_write_uint(&w, 1);
    KEY(&w, "rx_ns");
    rp_mp_write_uint(&w, 1);
    KEY(&w, "tx_ns");
    rp_mp_write_uint(&w, 1);
    KEY(&w, "mode");
    KEY(&w, "dance");
    KEY(&w, "targets");
    rp_mp_write_array_header(&w, 0);
    CHECK_EQ(RP_ERR_MALFORMED, rp_action_decode(actual, w.position, &a, got, 4));
    w = envelope(7, 1, "action");
    KEY(&w, "seq");
    rp_mp_write_uint(&w, 1);
    KEY(&w, "rx_ns");
    rp_mp_write_uint(&w, 1);
    KEY(&w, "tx_ns");
    rp_mp_write_uint(&w, 1);
    KEY(&w, "mode");
    KEY(&w, "safe");
    KEY(&w, "targets");
    rp_mp_write_array_header(&w, 5);
    {
        int i;
        for (i = 0; i < 5; i++) {
            rp_mp_write_float(&w, 1.0f);
        }
    }
    CHECK_EQ(RP_ERR_TOO_MANY, rp_action_decode(actual, w.position, &a, got, 4));
    /* A hello whose period is not positive, whose term has no values, or whose term lacks a size. */
    {
        const char *bad_hellos[] = {
            /* period_ns 0 */
            "86a17601a174a568656c6c6fa5726f626f74a178a66a6f696e747390a773656e736f727390a9706572696f645f6e7300",
            /* sensors [{name: "a", size: 0}] */
            "86a17601a174a568656c6c6fa5726f626f74a178a66a6f696e747390a773656e736f72739182a46e616d65a161a473697a6500"
            "a9706572696f645f6e7301",
            /* sensors [{name: "a"}] */
            "86a17601a174a568656c6c6fa5726f626f74a178a66a6f696e747390a773656e736f72739181a46e616d65a161"
            "a9706572696f645f6e7301",
        };
        size_t i;
        for (i = 0; i < 3; i++) {
            expected_len = rp_test_hex(bad_hellos[i], expected, sizeof expected);
            CHECK_EQ(RP_ERR_MALFORMED, rp_hello_decode(expected, expected_len, &h, NULL, 0, NULL, 0));
        }
        /* The same shape with a good term and period decodes: the vectors above differ only where they say. */
        expected_len = rp_test_hex("86a17601a174a568656c6c6fa5726f626f74a178a66a6f696e747390a773656e736f72739182a46e6"
                                   "16d65a161a473697a6501a9706572696f645f6e7301",
                                   expected, sizeof expected);
        CHECK_EQ(RP_OK, rp_hello_decode(expected, expected_len, &h, NULL, 0, NULL, 0));
        CHECK(h.sensor_count == 1 && h.period_ns == 1 && rp_str_equals(h.robot, "x"));
    }
}

static void every_truncation_of_every_golden_message_is_refused(void)
{
    const char *messages[] = { golden_hello,     golden_sensor1, golden_sensor2, golden_action1,
                               golden_action2,   golden_action3, golden_heartbeat, golden_estop1,
                               golden_estop2,    golden_fault1,  golden_fault2, golden_goodbye1,
                               golden_goodbye2 };
    size_t i, k;
    for (i = 0; i < sizeof messages / sizeof messages[0]; i++) {
        size_t n = rp_test_hex(messages[i], expected, sizeof expected);
        for (k = 0; k < n; k++) {
            uint8_t exact[512];
            rp_hello h;
            rp_sensor_frame s;
            rp_action_frame a;
            rp_heartbeat hb;
            rp_estop e;
            rp_fault fl;
            float values[16];
            rp_str joints[4];
            rp_sensor_term terms[4];
            memcpy(exact, expected, k);
            CHECK(rp_hello_decode(exact, k, &h, joints, 4, terms, 4) != RP_OK);
            CHECK(rp_sensor_decode(exact, k, &s, values, 16) != RP_OK);
            CHECK(rp_action_decode(exact, k, &a, values, 16) != RP_OK);
            CHECK(rp_heartbeat_decode(exact, k, &hb) != RP_OK);
            CHECK(rp_estop_decode(exact, k, &e) != RP_OK);
            CHECK(rp_fault_decode(exact, k, &fl) != RP_OK);
        }
    }
}

static void encoders_refuse_small_buffers_and_bad_arguments(void)
{
    rp_hello h = example_hello();
    const float values[] = { 1.0f, 2.0f };
    rp_sensor_frame f = { 1, 2, values, 2 };
    size_t need, len, cap;
    CHECK_EQ(RP_OK, rp_hello_encode(&h, actual, sizeof actual, &need));
    for (cap = 0; cap < need; cap++) {
        CHECK_EQ(RP_ERR_NO_ROOM, rp_hello_encode(&h, actual, cap, &len));
    }
    CHECK_EQ(RP_OK, rp_sensor_encode(&f, actual, sizeof actual, &need));
    for (cap = 0; cap < need; cap++) {
        CHECK_EQ(RP_ERR_NO_ROOM, rp_sensor_encode(&f, actual, cap, &len));
    }
    h.period_ns = 0;
    CHECK_EQ(RP_ERR_ARGUMENT, rp_hello_encode(&h, actual, sizeof actual, &len));
    f.values = NULL;
    CHECK_EQ(RP_ERR_ARGUMENT, rp_sensor_encode(&f, actual, sizeof actual, &len));
    CHECK(strcmp(rp_status_name(RP_ERR_NEWER_VERSION), "newer protocol version") == 0);
}

int main(void)
{
    RP_RUN(hello_is_byte_identical_and_round_trips);
    RP_RUN(sensor_frames_are_byte_identical_and_round_trip);
    RP_RUN(action_frames_are_byte_identical_and_round_trip);
    RP_RUN(heartbeat_estop_and_fault_are_byte_identical_and_round_trip);
    RP_RUN(goodbye_is_byte_identical_written_as_version_2_and_round_trips);
    RP_RUN(peek_type_names_each_golden_message);
    RP_RUN(keys_in_any_order_unknown_keys_and_other_widths_are_read);
    RP_RUN(refuses_what_the_csharp_side_refuses);
    RP_RUN(every_truncation_of_every_golden_message_is_refused);
    RP_RUN(encoders_refuse_small_buffers_and_bad_arguments);
    return rp_test_summary("messages");
}
