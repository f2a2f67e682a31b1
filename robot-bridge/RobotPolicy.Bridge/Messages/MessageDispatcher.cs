using MessagePack;
using RobotPolicy.Bridge.Wire;
using RobotPolicy.Bridge.Transports;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// The receive loop's step: takes the next message from a transport, peeks its type, decodes it into buffers
/// allocated once, and hands it to an <see cref="IMessageHandler"/>. A message that cannot be read (malformed, an
/// unknown type, a newer protocol version) is counted in the transport's <see cref="TransportStatistics"/>, kept
/// as <see cref="LastError"/> for the log, and dropped: a bad message never stops the loop. Sensor, action and
/// heartbeat messages go through without allocating; an exception from the handler itself is not caught.
/// </summary>
public sealed class MessageDispatcher
{
    private readonly IMessageTransport _transport;
    private readonly byte[] _message;
    private readonly float[] _values;

    /// <param name="transport">Where messages come from; its statistics also count the dropped ones.</param>
    /// <param name="maxValues">The most sensor values or action targets a frame may carry; a frame with more is dropped as malformed.</param>
    public MessageDispatcher(IMessageTransport transport, int maxValues)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentOutOfRangeException.ThrowIfNegative(maxValues);
        _transport = transport;
        _message = new byte[transport.MaxMessageLength];
        _values = new float[maxValues];
    }

    /// <summary>Why the most recent dropped message could not be read: a <see cref="ProtocolException"/> or a <see cref="MessagePackFormatException"/>.</summary>
    public FormatException? LastError { get; private set; }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a message that can be read and hands it to
    /// <paramref name="handler"/>; returns false when the time ran out. Messages that cannot be read are dropped
    /// and counted while the wait goes on.
    /// </summary>
    public bool TryDispatch(IMessageHandler handler, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var deadline = new ReceiveDeadline(timeout);
        while (_transport.TryReceive(_message, deadline.Remaining, out int length))
        {
            if (Dispatch(_message.AsSpan(0, length), handler))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Decodes and hands over one message; false when it was dropped. Only decoding is guarded: the handler's own exceptions propagate.</summary>
    private bool Dispatch(ReadOnlySpan<byte> message, IMessageHandler handler)
    {
        if (!TryRead(message, static (m, _) => MessageEnvelope.PeekType(m), out MessageType type))
        {
            return false;
        }
        switch (type)
        {
            case MessageType.SensorFrame:
                if (!TryRead(message, static (m, values) => SensorFrame.Read(m, values), out SensorFrame sensor))
                {
                    return false;
                }
                handler.OnSensorFrame(sensor);
                return true;
            case MessageType.ActionFrame:
                if (!TryRead(message, static (m, values) => ActionFrame.Read(m, values), out ActionFrame action))
                {
                    return false;
                }
                handler.OnActionFrame(action);
                return true;
            case MessageType.Heartbeat:
                if (!TryRead(message, static (m, _) => Heartbeat.Read(m), out Heartbeat heartbeat))
                {
                    return false;
                }
                handler.OnHeartbeat(heartbeat);
                return true;
            case MessageType.Hello:
                if (!TryRead(message, static (m, _) => Hello.Read(m), out Hello hello))
                {
                    return false;
                }
                handler.OnHello(hello);
                return true;
            case MessageType.EStop:
                if (!TryRead(message, static (m, _) => EStop.Read(m), out EStop estop))
                {
                    return false;
                }
                handler.OnEStop(estop);
                return true;
            case MessageType.Fault:
                if (!TryRead(message, static (m, _) => Fault.Read(m), out Fault fault))
                {
                    return false;
                }
                handler.OnFault(fault);
                return true;
            case MessageType.Goodbye:
                if (!TryRead(message, static (m, _) => Goodbye.Read(m), out Goodbye goodbye))
                {
                    return false;
                }
                handler.OnGoodbye(goodbye);
                return true;
            default:
                throw new InvalidOperationException($"MessageDispatcher does not handle message type {type}");
        }
    }

    private delegate T MessageRead<T>(ReadOnlySpan<byte> message, Span<float> values) where T : allows ref struct;

    /// <summary>Reads a message with <paramref name="read"/>; a message that cannot be read is dropped and counted (false).</summary>
    private bool TryRead<T>(ReadOnlySpan<byte> message, MessageRead<T> read, out T value) where T : allows ref struct
    {
        try
        {
            value = read(message, _values);
            return true;
        }
        catch (FormatException e) when (IsUnreadable(e))
        {
            value = default!;
            return Drop(e);
        }
    }

    private static bool IsUnreadable(FormatException e) => e is ProtocolException or MessagePackFormatException;

    private bool Drop(FormatException error)
    {
        LastError = error;
        _transport.Statistics.RecordDrop(error is ProtocolException protocol
            ? protocol.Kind switch
            {
                ProtocolErrorKind.UnknownMessageType => DropReason.UnknownMessageType,
                ProtocolErrorKind.NewerProtocolVersion => DropReason.NewerProtocolVersion,
                _ => DropReason.Malformed,
            }
            : DropReason.Malformed);
        return false;
    }
}
