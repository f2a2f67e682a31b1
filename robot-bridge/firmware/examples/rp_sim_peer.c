/* rp_sim_peer: a simulated robot on a serial port, speaking the bridge protocol through rp_link. The C# interop
 * test runs it on one end of a pseudo-terminal pair; it is also a worked example of porting the link: a write
 * function, buffers sized by the macros, bytes fed as they arrive.
 *
 *   rp_sim_peer TTY [IDLE_SECONDS]
 *
 * It sends a Hello (robot "c99-sim", joints hip/knee/ankle, sensor terms targets[3] and action[2], period 20 ms),
 * again every 500 ms until the first action frame arrives (a runtime that opened its end late still gets one).
 * To each action frame it replies with a sensor frame whose seq is the action's seq + 1 and whose values encode
 * the action: the first three targets (zero-padded), the mode (0 normal .. 3 safe) and the number of targets. On
 * an estop it prints its counters on one line to stdout and exits 0. Exit 1: the port failed or hung up; 2:
 * usage; 3: nothing arrived for IDLE_SECONDS (default 30), so a test that went wrong never leaves it running.
 *
 * POSIX only (termios, poll, clock_gettime): this file is the host side, not part of the library. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "rp_link.h"

/* The largest message either way; a frame beyond it is dropped as oversized (the interop test sends one). */
#define SIM_MAX_MESSAGE 512u
#define SIM_JOINTS 3u
#define SIM_PERIOD_NS 20000000
#define SIM_HELLO_REPEAT_NS 500000000

typedef struct {
    int fd;
    int write_errno;
} port;

typedef struct {
    rp_link link;
    bool actions_seen;
    bool estop;
    uint32_t estop_reason;
    uint32_t actions;
    uint32_t sensors_sent;
    uint32_t hellos_sent;
    uint32_t send_failures;
} robot;

static int64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* rp_link's write function: the whole frame, or false. The port is blocking, so write waits for room. */
static bool write_port(void *context, const uint8_t *data, size_t len)
{
    port *p = (port *)context;
    while (len > 0) {
        ssize_t n = write(p->fd, data, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            p->write_errno = errno;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Raw 8N1 by hand (cfmakeraw is not POSIX): no echo, no line editing, no CR/LF or flow-control translation. */
static int open_port(const char *path)
{
    struct termios t;
    int fd = open(path, O_RDWR | O_NOCTTY);
    if (fd < 0) {
        fprintf(stderr, "rp_sim_peer: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (tcgetattr(fd, &t) != 0) {
        fprintf(stderr, "rp_sim_peer: %s is not a terminal: %s\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
    t.c_oflag &= ~(tcflag_t)OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | CSTOPB);
    t.c_cflag |= (tcflag_t)(CS8 | CREAD | CLOCAL);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    cfsetispeed(&t, B115200);
    cfsetospeed(&t, B115200);
    if (tcsetattr(fd, TCSANOW, &t) != 0) {
        fprintf(stderr, "rp_sim_peer: %s refused raw mode: %s\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static void send_hello(robot *r)
{
    static const rp_str joints[SIM_JOINTS] = { RP_STR("hip"), RP_STR("knee"), RP_STR("ankle") };
    static const rp_sensor_term terms[] = { { RP_STR("targets"), SIM_JOINTS }, { RP_STR("action"), 2 } };
    rp_hello hello;
    memset(&hello, 0, sizeof hello);
    hello.robot = rp_str_of("c99-sim");
    hello.joints = joints;
    hello.joint_count = SIM_JOINTS;
    hello.sensors = terms;
    hello.sensor_count = 2;
    hello.period_ns = SIM_PERIOD_NS;
    if (rp_link_send_hello(&r->link, &hello) == RP_OK) {
        r->hellos_sent++;
    } else {
        r->send_failures++;
    }
}

/* rp_link's message callback: what the robot does with each message from the runtime. */
static void on_message(void *context, const rp_message *m)
{
    robot *r = (robot *)context;
    switch (m->type) {
    case RP_MSG_ACTION: {
        const rp_action_frame *a = &m->as.action;
        float values[SIM_JOINTS + 2];
        rp_sensor_frame reply;
        size_t i;
        r->actions++;
        r->actions_seen = true;
        for (i = 0; i < SIM_JOINTS; i++) {
            values[i] = i < a->count ? a->targets[i] : 0.0f;
        }
        values[SIM_JOINTS] = (float)a->mode;
        values[SIM_JOINTS + 1] = (float)a->count;
        reply.seq = a->seq + 1;
        reply.ts_ns = monotonic_ns();
        reply.values = values;
        reply.count = SIM_JOINTS + 2;
        if (rp_link_send_sensor(&r->link, &reply) == RP_OK) {
            r->sensors_sent++;
        } else {
            r->send_failures++;
        }
        break;
    }
    case RP_MSG_ESTOP:
        r->estop = true;
        r->estop_reason = m->as.estop.reason;
        break;
    default:
        /* Hello, sensor frames, heartbeats and faults from the runtime need nothing from this robot. */
        break;
    }
}

static void print_counters(const robot *r)
{
    const rp_frame_decoder *d = &r->link.rx;
    const rp_link_stats *s = &r->link.stats;
    printf("rp_sim_peer: actions=%lu sensors_sent=%lu hellos_sent=%lu send_failures=%lu frames_decoded=%lu "
           "oversized=%lu truncated=%lu bad_crc=%lu garbage=%lu malformed=%lu unknown_type=%lu newer_version=%lu "
           "estop_reason=%lu\n",
           (unsigned long)r->actions, (unsigned long)r->sensors_sent, (unsigned long)r->hellos_sent,
           (unsigned long)r->send_failures, (unsigned long)d->frames_decoded, (unsigned long)d->oversized_frames,
           (unsigned long)d->truncated_frames, (unsigned long)d->bad_crc_frames, (unsigned long)d->garbage_frames,
           (unsigned long)s->malformed, (unsigned long)s->unknown_type, (unsigned long)s->newer_version,
           (unsigned long)r->estop_reason);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    /* The link's memory, all of it: no heap, sized by the library's macros. */
    static uint8_t rx_buffer[RP_LINK_RX_BUFFER_SIZE(SIM_MAX_MESSAGE)];
    static uint8_t tx_buffer[RP_LINK_TX_BUFFER_SIZE(SIM_MAX_MESSAGE)];
    static float targets[16];
    static robot sim;
    port line = { -1, 0 };
    rp_link_config config;
    int64_t idle_limit_ns = 30 * (int64_t)1000000000, last_input, next_hello;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: rp_sim_peer TTY [IDLE_SECONDS]\n");
        return 2;
    }
    if (argc == 3) {
        idle_limit_ns = (int64_t)atoi(argv[2]) * 1000000000;
    }
    line.fd = open_port(argv[1]);
    if (line.fd < 0) {
        return 1;
    }

    memset(&config, 0, sizeof config);
    config.rx_buffer = rx_buffer;
    config.rx_buffer_size = sizeof rx_buffer;
    config.tx_buffer = tx_buffer;
    config.tx_buffer_size = sizeof tx_buffer;
    config.values = targets;
    config.values_capacity = sizeof targets / sizeof targets[0];
    config.write = write_port;
    config.write_context = &line;
    config.on_message = on_message;
    config.message_context = &sim;
    if (!rp_link_init(&sim.link, &config)) {
        fprintf(stderr, "rp_sim_peer: rp_link_init refused the buffers\n");
        return 1;
    }

    last_input = monotonic_ns();
    next_hello = last_input;
    while (!sim.estop) {
        struct pollfd pfd;
        uint8_t chunk[256];
        int64_t now = monotonic_ns();
        int ready;
        if (!sim.actions_seen && now >= next_hello) {
            send_hello(&sim);
            next_hello = now + SIM_HELLO_REPEAT_NS;
        }
        if (line.write_errno != 0) {
            fprintf(stderr, "rp_sim_peer: write failed: %s\n", strerror(line.write_errno));
            print_counters(&sim);
            return 1;
        }
        if (now - last_input > idle_limit_ns) {
            fprintf(stderr, "rp_sim_peer: nothing arrived for %lld s; giving up\n",
                    (long long)(idle_limit_ns / 1000000000));
            print_counters(&sim);
            return 3;
        }
        pfd.fd = line.fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        ready = poll(&pfd, 1, 100);
        if (ready < 0 && errno != EINTR) {
            fprintf(stderr, "rp_sim_peer: poll failed: %s\n", strerror(errno));
            return 1;
        }
        if (ready > 0 && (pfd.revents & POLLIN) != 0) {
            ssize_t n = read(line.fd, chunk, sizeof chunk);
            if (n > 0) {
                last_input = monotonic_ns();
                rp_link_feed(&sim.link, chunk, (size_t)n);
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                fprintf(stderr, "rp_sim_peer: the port went away\n");
                print_counters(&sim);
                return 1;
            }
        } else if (ready > 0 && (pfd.revents & (POLLHUP | POLLERR)) != 0) {
            fprintf(stderr, "rp_sim_peer: the port hung up\n");
            print_counters(&sim);
            return 1;
        }
    }
    print_counters(&sim);
    close(line.fd);
    return 0;
}
