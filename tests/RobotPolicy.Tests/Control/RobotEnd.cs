using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.PolicyCheck;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bundle;

namespace RobotPolicy.Tests.Control;

/// <summary>The robot's end of an in-process link, played by a test: says Hello, sends sensor frames, reads what comes back.</summary>
internal sealed class RobotEnd(IMessageTransport transport)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly byte[] _buffer = new byte[8192];
    private readonly float[] _values = new float[256];

    public IMessageTransport Transport { get; } = transport;

    /// <summary>The Hello a robot that matches <paramref name="metadata"/> sends.</summary>
    public static Hello MatchingHello(PolicyMetadata metadata, string name = "test-robot")
    {
        var expected = PolicyHelloCheck.ExpectedRobot(metadata);
        return new Hello(name, expected.JointNames, expected.SensorTerms, (long)Math.Round(expected.ControlPeriodSeconds * 1e9));
    }

    public void Send(Hello hello) => Transport.Send(hello.ToArray());

    public void SendSensors(ulong sequence, ReadOnlySpan<float> values) =>
        Transport.Send(_buffer.AsSpan(0, new SensorFrame(sequence, (long)sequence * 1000, values).Write(_buffer)));

    public void Send(EStop estop)
    {
        var bytes = new byte[estop.MaxLength];
        Transport.Send(bytes.AsSpan(0, estop.Write(bytes)));
    }

    public void Send(Goodbye goodbye)
    {
        var bytes = new byte[goodbye.MaxLength];
        Transport.Send(bytes.AsSpan(0, goodbye.Write(bytes)));
    }

    /// <summary>The next message, or null when none arrives within <paramref name="timeout"/>.</summary>
    public byte[]? Next(TimeSpan? timeout = null) =>
        Transport.TryReceive(_buffer, timeout ?? Patience, out int length) ? _buffer[..length] : null;

    /// <summary>Skips messages until one of <paramref name="type"/> arrives; fails after <see cref="Patience"/>.</summary>
    public byte[] NextOf(MessageType type)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Next(TimeSpan.FromMilliseconds(100)) is { } message && MessageEnvelope.PeekType(message) == type)
            {
                return message;
            }
        }
        throw new Xunit.Sdk.XunitException($"no {type} within {Patience.TotalSeconds} s");
    }

    public (ulong Sequence, ActionMode Mode, float[] Targets) ReadAction(byte[] message)
    {
        var frame = ActionFrame.Read(message, _values);
        return (frame.SensorSequence, frame.Mode, frame.Targets.ToArray());
    }
}
