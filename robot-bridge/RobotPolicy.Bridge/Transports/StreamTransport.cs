using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// Messages over a byte stream (a serial port, a pipe, a TCP socket): each sent as a COBS frame with a CRC-32C
/// trailer (<see cref="FrameEncoder"/>), received through a <see cref="FrameDecoder"/> that drops and counts bad
/// frames. A <see cref="Stream"/> has no portable read timeout (pipes have none, and a socket's throws on expiry),
/// so a background thread reads and decodes, and <see cref="TryReceive"/> waits on a bounded queue of whole
/// messages: one thread hand-off per message, and nothing allocated per message on either thread.
/// </summary>
public sealed class StreamTransport : IMessageTransport
{
    /// <summary>Default largest message: a sensor frame of several hundred values, with room to spare.</summary>
    public const int DefaultMaxMessageLength = 8192;

    /// <summary>Default number of decoded messages waiting for the receiver before new ones are dropped.</summary>
    public const int DefaultQueueCapacity = 64;

    private const int ReadChunkLength = 4096;

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly object _sendGate = new();
    private readonly byte[] _frame;
    private readonly FrameDecoder _decoder;
    private readonly BoundedMessageQueue _queue;
    private readonly Thread _reader;
    private readonly DecoderDropCounts _decoderDrops = new();
    private volatile Exception? _readFailure;
    private volatile bool _disposed;
    // The reader and the owner (until Dispose) both hold the input; see ReleaseInput.
    private int _inputHolders = 2;

    /// <summary>Over one duplex stream (a serial port, a socket's NetworkStream).</summary>
    public StreamTransport(Stream duplex, string description, int maxMessageLength = DefaultMaxMessageLength,
        int queueCapacity = DefaultQueueCapacity, bool leaveOpen = false)
        : this(duplex, duplex, description, maxMessageLength, queueCapacity, leaveOpen)
    {
    }

    /// <summary>Over a stream to read and another to write (a pair of pipes).</summary>
    public StreamTransport(Stream input, Stream output, string description, int maxMessageLength = DefaultMaxMessageLength,
        int queueCapacity = DefaultQueueCapacity, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(description);
        if (!input.CanRead)
        {
            throw new ArgumentException($"{description}: the input stream cannot be read", nameof(input));
        }
        if (!output.CanWrite)
        {
            throw new ArgumentException($"{description}: the output stream cannot be written", nameof(output));
        }
        _input = input;
        _output = output;
        _leaveOpen = leaveOpen;
        Description = description;
        MaxMessageLength = maxMessageLength;
        _frame = new byte[FrameEncoder.MaxFrameLength(maxMessageLength)];
        _decoder = new FrameDecoder(maxMessageLength);
        _queue = new BoundedMessageQueue(queueCapacity, maxMessageLength);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "bridge stream reader" };
        _reader.Start();
    }

    public string Description { get; }

    public int MaxMessageLength { get; }

    public TransportStatistics Statistics { get; } = new();

    public void Send(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"{Description}: a {message.Length}-byte message is longer than the {MaxMessageLength} bytes this transport carries", nameof(message));
        }
        // One frame at a time: two senders' bytes must not interleave on the stream.
        lock (_sendGate)
        {
            int length = FrameEncoder.Encode(message, _frame);
            try
            {
                _output.Write(_frame, 0, length);
                _output.Flush();
            }
            catch (IOException e)
            {
                throw new TransportException($"{Description}: sending failed: {e.Message}", e);
            }
        }
        Statistics.RecordSent();
    }

    /// <summary>
    /// See <see cref="IMessageTransport.TryReceive"/>. Once the stream has ended or failed and every message read
    /// before that has been received, throws <see cref="TransportException"/> saying which.
    /// </summary>
    public bool TryReceive(Span<byte> destination, TimeSpan timeout, out int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_queue.TryReceive(destination, timeout, Statistics, out length, out bool closed))
        {
            return true;
        }
        if (!closed)
        {
            return false;
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        throw _readFailure is { } failure
            ? new TransportException($"{Description}: reading failed: {failure.Message}", failure)
            : new TransportException($"{Description}: the stream ended (the other side closed it)");
    }

    /// <summary>
    /// Closes the streams (unless left open) and stops the reader. A duplex stream is closed at once, which ends a
    /// socket's or serial port's pending read. Of two streams, the output is closed at once (so the peer sees the
    /// end) and the input once the reader's pending read returns: a pipe's read cannot be interrupted, and closing
    /// it under the read blocks until the read returns. The reader is a background thread, so a read that never
    /// returns never keeps the process alive.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _queue.Close();
        if (_leaveOpen)
        {
            return;
        }
        if (ReferenceEquals(_input, _output))
        {
            _input.Dispose();
            _reader.Join(TimeSpan.FromSeconds(1));
            return;
        }
        _output.Dispose();
        ReleaseInput();
    }

    public override string ToString() => Description;

    private void ReadLoop()
    {
        var chunk = new byte[ReadChunkLength];
        try
        {
            while (true)
            {
                int read = _input.Read(chunk, 0, chunk.Length);
                if (read == 0)
                {
                    return;
                }
                ReadOnlySpan<byte> data = chunk.AsSpan(0, read);
                while (_decoder.TryDecode(ref data, out ReadOnlySpan<byte> payload))
                {
                    // Frames dropped before this one are counted before it can be received.
                    _decoderDrops.MoveInto(_decoder, Statistics);
                    if (!_queue.TryEnqueue(payload))
                    {
                        Statistics.RecordDrop(DropReason.QueueFull);
                    }
                }
                _decoderDrops.MoveInto(_decoder, Statistics);
            }
        }
        catch (Exception e) when (!_disposed)
        {
            // Whatever the stream throws ends the link, not the process (an exception escaping a thread would):
            // the receiver rethrows it, wrapped, once it has drained the queue.
            _readFailure = e;
        }
        catch (Exception)
        {
            // Disposing closed the stream under the read: the expected way for this thread to end.
        }
        finally
        {
            _queue.Close();
            ReleaseInput();
        }
    }

    /// <summary>Called by Dispose and by the reader as it ends: the second of the two closes the input (if it is ours to close).</summary>
    private void ReleaseInput()
    {
        if (Interlocked.Decrement(ref _inputHolders) == 0 && !_leaveOpen)
        {
            _input.Dispose();
        }
    }
}
