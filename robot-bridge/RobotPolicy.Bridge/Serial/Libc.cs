using System.Runtime.InteropServices;

namespace RobotPolicy.Bridge.Serial;

/// <summary>
/// The few libc calls a serial port needs: termios, and poll-based non-blocking reads and writes (System.IO.Ports
/// reads through an async queue of about a millisecond's granularity; see docs/benchmarks.md, `bench serial`). Linux (glibc, musl) on x86-64 and arm64: the termios layout and constants below are
/// the same on both.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    public const int ORdWr = 0x2;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;

    public const int TcsaNow = 0;
    public const int TcIoFlush = 2;

    public const int EIntr = 4;
    public const int EIo = 5;
    public const int EAgain = 11;
    public const int ENoEnt = 2;
    public const int EAcces = 13;
    public const int EBusy = 16;
    public const int ENotTy = 25;

    /// <summary>sizeof(struct termios) is 60 on Linux; a larger buffer costs nothing and guards against libc variants.</summary>
    public const int TermiosBufferSize = 128;

    // Offsets into struct termios { tcflag_t c_iflag, c_oflag, c_cflag, c_lflag; cc_t c_line; cc_t c_cc[32]; ... }.
    public const int CflagOffset = 8;
    public const int CcOffset = 17;
    public const int VTime = 5;
    public const int VMin = 6;
    public const uint CRead = 0x80;
    public const uint CLocal = 0x800;

    // termios2, for a rate without a Bnnn constant: struct termios2 { tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
    // cc_t c_line; cc_t c_cc[19]; speed_t c_ispeed, c_ospeed; } (44 bytes; asm-generic, so x86-64 and arm64 alike).
    // CBAUD/CIBAUD hold the output/input speed codes; BOTHER there means "the number in c_ospeed/c_ispeed".
    public const int Termios2Size = 44;
    public const int Termios2IspeedOffset = 36;
    public const int Termios2OspeedOffset = 40;
    public const uint CBaud = 0x100F;
    public const uint CIBaud = CBaud << 16;
    public const uint BOther = 0x1000;
    public const nuint TcGetS2 = 0x802C542A; // _IOR('T', 0x2A, struct termios2)
    public const nuint TcSetS2 = 0x402C542B; // _IOW('T', 0x2B, struct termios2)

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(byte* termios);

    [LibraryImport(Library, EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int CfSetISpeed(byte* termios, uint speed);

    [LibraryImport(Library, EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int CfSetOSpeed(byte* termios, uint speed);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, byte* argument);

    [LibraryImport(Library, EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport(Library, EntryPoint = "strerror")]
    private static partial nint StrError(int errno);

    public static string Describe(int errno) => Marshal.PtrToStringUTF8(StrError(errno)) ?? $"errno {errno}";
}
