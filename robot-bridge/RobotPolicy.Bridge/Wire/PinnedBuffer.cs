using System.Buffers;

namespace RobotPolicy.Bridge.Wire;

/// <summary>
/// A caller's span, pinned for one read or write, seen as what MessagePack-CSharp works on: a
/// <see cref="ReadOnlyMemory{T}"/> for its reader, an <see cref="IBufferWriter{T}"/> for its writer. The bridge's
/// messages come and go in spans over reused buffers (a frame decoder's, a transport's); the package's reader and
/// writer do not take spans. This buffer never grows: asking for more room than is left throws
/// <see cref="MessagePackBufferTooSmallException"/>. One instance per thread is reused, so neither direction allocates.
/// </summary>
internal sealed unsafe class PinnedBuffer : MemoryManager<byte>, IBufferWriter<byte>
{
    [ThreadStatic]
    private static PinnedBuffer? t_idle;

    private byte* _start;
    private int _capacity;
    private int _written;

    private PinnedBuffer()
    {
    }

    /// <summary>
    /// The thread's buffer over <paramref name="start"/>, which the caller keeps pinned until <see cref="Return"/>
    /// (a <c>fixed</c> block around both). A nested use on the same thread gets a buffer of its own.
    /// </summary>
    public static PinnedBuffer Rent(byte* start, int capacity)
    {
        PinnedBuffer buffer = t_idle ?? new PinnedBuffer();
        t_idle = null;
        buffer._start = start;
        buffer._capacity = capacity;
        buffer._written = 0;
        return buffer;
    }

    /// <summary>Bytes the writer has committed.</summary>
    public int Written => _written;

    /// <summary>Forgets the span (so nothing can reach it after its <c>fixed</c> block) and makes the buffer the thread's again.</summary>
    public void Return()
    {
        _start = null;
        _capacity = 0;
        t_idle = this;
    }

    public void Advance(int count)
    {
        if (count < 0 || count > _capacity - _written)
        {
            throw new InvalidOperationException($"advanced {count} bytes with {_capacity - _written} left");
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return CreateMemory(_written, _capacity - _written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return new Span<byte>(_start + _written, _capacity - _written);
    }

    public override Span<byte> GetSpan() => new(_start, _capacity);

    // The bytes are pinned by the caller's fixed block for as long as the buffer is rented.
    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }

    private void EnsureRoom(int sizeHint)
    {
        // The package asks for the bytes of the next value (a string's header asks for the string too); at least
        // one byte, as IBufferWriter promises a non-empty buffer.
        int needed = Math.Max(sizeHint, 1);
        if (needed > _capacity - _written)
        {
            throw new MessagePackBufferTooSmallException(needed, _written, _capacity);
        }
    }
}
