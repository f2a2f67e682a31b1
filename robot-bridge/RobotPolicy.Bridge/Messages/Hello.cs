using System.Text;
using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// The robot introduces itself at connect: who it is, the joints its action frames drive, the sensor terms its
/// sensor frames carry (both in wire order), and its control period. The runtime checks it against the policy
/// (<see cref="Handshake.HelloCheck"/>) before sending any action. Sent once, so reading it allocates.
/// </summary>
public sealed class Hello
{
    public Hello(string robotName, IReadOnlyList<string> jointNames, IReadOnlyList<SensorTerm> sensorTerms, long controlPeriodNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(robotName);
        ArgumentNullException.ThrowIfNull(jointNames);
        ArgumentNullException.ThrowIfNull(sensorTerms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(controlPeriodNanoseconds);
        RobotName = robotName;
        JointNames = jointNames;
        SensorTerms = sensorTerms;
        ControlPeriodNanoseconds = controlPeriodNanoseconds;
    }

    /// <summary>The protocol version the robot's Hello carried ("v"): 1 when written here (the version of a hello).</summary>
    public int ProtocolVersion { get; init; } = Protocol.VersionOf(MessageType.Hello);

    /// <summary>For logs ("robot"); not checked against anything.</summary>
    public string RobotName { get; }

    /// <summary>The joints an action frame's targets drive, in target order ("joints").</summary>
    public IReadOnlyList<string> JointNames { get; }

    /// <summary>The terms a sensor frame's values hold, in order ("sensors": maps of "name" and "size").</summary>
    public IReadOnlyList<SensorTerm> SensorTerms { get; }

    /// <summary>How often the robot sends a sensor frame and expects an action, in nanoseconds ("period_ns").</summary>
    public long ControlPeriodNanoseconds { get; }

    public double ControlPeriodSeconds => ControlPeriodNanoseconds / 1e9;

    /// <summary>Values in one sensor frame: the sum of the sensor terms' sizes.</summary>
    public int SensorValueCount => SensorTerms.Sum(t => t.Size);

    /// <summary>The most bytes this hello takes.</summary>
    public int MaxLength =>
        MessageEnvelope.MaxLength
        + 6 + StringLength(RobotName)
        + 7 + 5 + JointNames.Sum(StringLength)
        + 8 + 5 + SensorTerms.Sum(t => 1 + 5 + StringLength(t.Name) + 5 + 9)
        + 10 + 9;

    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, this, static (in Hello message, ref MessagePackWriter writer) => message.WriteBody(ref writer));

    private void WriteBody(ref MessagePackWriter writer)
    {
        MessageEnvelope.Write(ref writer, MessageType.Hello, bodyPairs: 4);
        writer.WriteString(WireKeys.Robot);
        MessagePackFields.WriteText(ref writer, RobotName);
        writer.WriteString(WireKeys.Joints);
        writer.WriteArrayHeader(JointNames.Count);
        foreach (string joint in JointNames)
        {
            MessagePackFields.WriteText(ref writer, joint);
        }
        writer.WriteString(WireKeys.Sensors);
        writer.WriteArrayHeader(SensorTerms.Count);
        foreach (SensorTerm term in SensorTerms)
        {
            writer.WriteMapHeader(2);
            writer.WriteString(WireKeys.Name);
            MessagePackFields.WriteText(ref writer, term.Name);
            writer.WriteString(WireKeys.Size);
            writer.Write(term.Size);
        }
        writer.WriteString(WireKeys.PeriodNanoseconds);
        writer.Write(ControlPeriodNanoseconds);
    }

    /// <summary>The message as a new array (a hello is sent once, so the allocation does not matter).</summary>
    public byte[] ToArray()
    {
        var buffer = new byte[MaxLength];
        return buffer[..Write(buffer)];
    }

    public static Hello Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.Hello);
        return MessageCodec.Read(message, default, static (scoped ref MessagePackReader reader, Span<float> _) => ReadBody(ref reader));
    }

    private static Hello ReadBody(scoped ref MessagePackReader reader)
    {
        int version = Protocol.VersionOf(MessageType.Hello);
        string? robot = null;
        List<string>? joints = null;
        List<SensorTerm>? sensors = null;
        long period = 0;
        bool hasPeriod = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(WireKeys.Version))
            {
                // Expect has checked it is a version this side reads.
                version = (int)reader.ReadUInt64();
            }
            else if (key.SequenceEqual(WireKeys.Robot))
            {
                robot = MessagePackFields.ReadText(ref reader);
            }
            else if (key.SequenceEqual(WireKeys.Joints))
            {
                joints = ReadJoints(ref reader);
            }
            else if (key.SequenceEqual(WireKeys.Sensors))
            {
                sensors = ReadSensorTerms(ref reader);
            }
            else if (key.SequenceEqual(WireKeys.PeriodNanoseconds))
            {
                period = reader.ReadInt64();
                hasPeriod = true;
            }
            else
            {
                reader.Skip();
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.Hello);
        MessageErrors.Require(robot is not null, MessageType.Hello, "robot");
        MessageErrors.Require(joints is not null, MessageType.Hello, "joints");
        MessageErrors.Require(sensors is not null, MessageType.Hello, "sensors");
        MessageErrors.Require(hasPeriod, MessageType.Hello, "period_ns");
        if (period <= 0)
        {
            throw MessageErrors.BadValue(MessageType.Hello, "period_ns", $"is {period}; a control period is a positive number of nanoseconds");
        }
        return new Hello(robot, joints, sensors, period) { ProtocolVersion = version };
    }

    private static List<string> ReadJoints(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        var joints = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            joints.Add(MessagePackFields.ReadText(ref reader));
        }
        return joints;
    }

    private static List<SensorTerm> ReadSensorTerms(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        var terms = new List<SensorTerm>(count);
        for (int i = 0; i < count; i++)
        {
            string? name = null;
            int size = 0;
            bool hasSize = false;
            int pairs = reader.ReadMapHeader();
            for (int j = 0; j < pairs; j++)
            {
                ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
                if (key.SequenceEqual(WireKeys.Name))
                {
                    name = MessagePackFields.ReadText(ref reader);
                }
                else if (key.SequenceEqual(WireKeys.Size))
                {
                    size = reader.ReadInt32();
                    hasSize = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (name is null)
            {
                throw MessageErrors.Missing(MessageType.Hello, $"sensors[{i}].name");
            }
            if (!hasSize)
            {
                throw MessageErrors.Missing(MessageType.Hello, $"sensors[{i}].size");
            }
            if (size < 1)
            {
                throw MessageErrors.BadValue(MessageType.Hello, $"sensors[{i}].size", $"is {size}; a sensor term has at least one value");
            }
            terms.Add(new SensorTerm(name, size));
        }
        return terms;
    }

    private static int StringLength(string text) => 5 + Encoding.UTF8.GetByteCount(text);
}
