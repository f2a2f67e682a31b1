using MessagePack;

namespace RobotPolicy.Bridge.Wire;

/// <summary>Writes one message's MessagePack (everything after the writer is set up).</summary>
public delegate void MessageBodyWriter<TMessage>(in TMessage message, ref MessagePackWriter writer)
    where TMessage : allows ref struct;

/// <summary>Reads one message's MessagePack into its value; <paramref name="values"/> is the caller's float buffer, if any.</summary>
public delegate TResult MessageBodyReader<TResult>(scoped ref MessagePackReader reader, Span<float> values)
    where TResult : allows ref struct;

/// <summary>
/// Runs MessagePack-CSharp's writer and reader over the bridge's spans (see <see cref="PinnedBuffer"/>): the one
/// place that pins, sets them up, and turns the package's exceptions into the bridge's
/// <see cref="MessagePackFormatException"/>, so nothing else escapes a message reader.
/// </summary>
public static class MessageCodec
{
    /// <summary>Writes <paramref name="message"/> into <paramref name="destination"/> and returns its length.</summary>
    public static unsafe int Write<TMessage>(Span<byte> destination, in TMessage message, MessageBodyWriter<TMessage> body)
        where TMessage : allows ref struct
    {
        fixed (byte* start = destination)
        {
            PinnedBuffer buffer = PinnedBuffer.Rent(start, destination.Length);
            try
            {
                var writer = new MessagePackWriter(buffer);
                body(in message, ref writer);
                writer.Flush();
                return buffer.Written;
            }
            finally
            {
                buffer.Return();
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="message"/> with <paramref name="body"/>. What the package's reader throws becomes a
    /// <see cref="MessagePackFormatException"/>; the body's own exceptions (a protocol error) pass unchanged.
    /// </summary>
    public static unsafe TResult Read<TResult>(ReadOnlySpan<byte> message, Span<float> values, MessageBodyReader<TResult> body)
        where TResult : allows ref struct
    {
        fixed (byte* start = message)
        {
            PinnedBuffer buffer = PinnedBuffer.Rent(start, message.Length);
            var reader = new MessagePackReader(buffer.Memory);
            try
            {
                return body(ref reader, values);
            }
            catch (Exception e) when (IsReaderError(e))
            {
                throw Unreadable(reader.Consumed, e);
            }
            finally
            {
                buffer.Return();
            }
        }
    }

    /// <summary>
    /// What MessagePack-CSharp's reader throws for bytes it cannot read as asked. Besides its documented two (an
    /// end-of-stream and a serialization exception) and overflow for integers out of a field's range, 2.5 reads a
    /// str32 or bin32 length of 2^31 or more as a negative int and fails with ArgumentOutOfRangeException (found by
    /// the fuzz test: five random bytes do it), so that counts as unreadable bytes too.
    /// </summary>
    public static bool IsReaderError(Exception e) =>
        e is EndOfStreamException or MessagePackSerializationException or OverflowException or ArgumentOutOfRangeException;

    /// <summary>The bridge's error for a reader failure at <paramref name="offset"/>, in words a log reader can use.</summary>
    public static MessagePackFormatException Unreadable(long offset, Exception e) => new(offset, Problem(e), e);

    /// <summary>What a reader failure (<see cref="IsReaderError"/>) means, in words.</summary>
    public static string Problem(Exception e) => e switch
    {
        EndOfStreamException => "the bytes end inside a value (truncated)",
        OverflowException => "an integer out of range for its field",
        ArgumentOutOfRangeException => "a length of 2 GiB or more",
        _ => e.Message.TrimEnd('.'),
    };

    /// <summary>A reader failure or the bridge's own format error: bytes that are not the MessagePack asked for.</summary>
    public static bool IsUnreadable(Exception e) => IsReaderError(e) || e is MessagePackFormatException;
}
