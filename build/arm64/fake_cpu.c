/*
 * Preloaded into arm64 programs run under qemu-user (build/arm64/run.sh), never shipped.
 *
 * Why: Debian 12's qemu-user (7.2) hands the guest the host's /proc/cpuinfo (an x86 description) and the host's
 * /sys/devices/system/cpu cache topology. ONNX Runtime's CPU detection (the cpuinfo library) on arm64 finds no
 * ARM processor in them and crashes while libonnxruntime.so loads (a store through a NULL array). Newer qemu
 * emulates /proc/cpuinfo itself. This shim sends opens of /proc/cpuinfo and /sys/devices/system/cpu/... to the
 * same paths under $FAKE_CPU_ROOT, where run.sh writes the description of an arm64 board.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread char redirected[4096];

static const char *redirect(const char *path)
{
    const char *root = getenv("FAKE_CPU_ROOT");
    if (root == NULL || path == NULL)
        return path;
    if (strcmp(path, "/proc/cpuinfo") != 0 && strncmp(path, "/sys/devices/system/cpu/", 24) != 0)
        return path;
    snprintf(redirected, sizeof redirected, "%s%s", root, path);
    return redirected;
}

/* The mode argument exists only with O_CREAT/O_TMPFILE; reading it regardless is harmless on aarch64. */
#define FORWARD_OPEN(name)                                                  \
    int name(const char *path, int flags, ...)                              \
    {                                                                       \
        static int (*real)(const char *, int, ...);                         \
        if (real == NULL)                                                   \
            real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name); \
        va_list args;                                                       \
        va_start(args, flags);                                              \
        int mode = va_arg(args, int);                                       \
        va_end(args);                                                       \
        return real(redirect(path), flags, mode);                           \
    }

FORWARD_OPEN(open)
FORWARD_OPEN(open64)

int openat(int directory, const char *path, int flags, ...)
{
    static int (*real)(int, const char *, int, ...);
    if (real == NULL)
        real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
    va_list args;
    va_start(args, flags);
    int mode = va_arg(args, int);
    va_end(args);
    return real(directory, redirect(path), flags, mode);
}

FILE *fopen(const char *path, const char *mode)
{
    static FILE *(*real)(const char *, const char *);
    if (real == NULL)
        real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
    return real(redirect(path), mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    static FILE *(*real)(const char *, const char *);
    if (real == NULL)
        real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen64");
    return real(redirect(path), mode);
}
