using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// 10,000 random and mutated byte strings through every message reader: each is read or refused with the bridge's
/// own error (a <see cref="ProtocolException"/> or a <see cref="MessagePackFormatException"/>), never another
/// exception, which would escape a receive loop that counts and drops bad messages.
/// </summary>
public class MessageFuzzTests
{
    private const int Cases = 10_000;

    [Fact]
    public void Random_and_mutated_bytes_give_only_the_bridges_own_errors()
    {
        var rng = new Random(20261203);
        byte[][] valid = ValidMessages();
        var values = new float[16];
        int refused = 0, read = 0;
        for (int i = 0; i < Cases; i++)
        {
            byte[] bytes = Mutated(rng, valid[rng.Next(valid.Length)], i % 4);
            foreach (Action<byte[]> reader in Readers(values))
            {
                try
                {
                    reader(bytes);
                    read++;
                }
                catch (Exception e) when (e is ProtocolException or MessagePackFormatException)
                {
                    refused++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"case {i}, {Hex.Of(bytes)}: {e.GetType().Name} escaped the reader: {e.Message}");
                }
            }
        }
        // Most mutations break a message; some leave one readable (a flipped float bit): both must happen.
        Assert.True(refused > Cases && read > 100, $"refused {refused}, read {read}");
    }

    private static IEnumerable<Action<byte[]>> Readers(float[] values) =>
    [
        bytes => MessageEnvelope.PeekType(bytes),
        bytes => SensorFrame.Read(bytes, values),
        bytes => ActionFrame.Read(bytes, values),
        bytes => Heartbeat.Read(bytes),
        bytes => Hello.Read(bytes),
        bytes => EStop.Read(bytes),
        bytes => Fault.Read(bytes),
    ];

    /// <summary>
    /// Kind 0: random bytes (a map header first half the time, so the envelope is reached); 1: bytes flipped; 2: cut
    /// short or extended; 3: a length or count field replaced with a huge one (str32, bin32, array32, map32, ext32).
    /// </summary>
    private static byte[] Mutated(Random rng, byte[] message, int kind)
    {
        switch (kind)
        {
            case 0:
                var noise = new byte[rng.Next(0, 64)];
                rng.NextBytes(noise);
                if (noise.Length > 0 && rng.Next(2) == 0)
                {
                    noise[0] = (byte)(0x80 | rng.Next(16));
                }
                return noise;
            case 1:
                byte[] flipped = [.. message];
                for (int flips = rng.Next(1, 4); flips > 0; flips--)
                {
                    flipped[rng.Next(flipped.Length)] ^= (byte)rng.Next(1, 256);
                }
                return flipped;
            case 2:
                return rng.Next(2) == 0
                    ? message[..rng.Next(message.Length)]
                    : [.. message, .. Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256))];
            default:
                int at = rng.Next(message.Length);
                byte[] code = [(byte)new[] { 0xdb, 0xc6, 0xdd, 0xdf, 0xc9 }[rng.Next(5)]];
                byte[] length = BitConverter.GetBytes(rng.Next(2) == 0 ? uint.MaxValue - (uint)rng.Next(16) : (uint)rng.Next(0, 1 << 20));
                Array.Reverse(length);
                return [.. message[..at], .. code, .. length, .. message[at..]];
        }
    }

    private static byte[][] ValidMessages()
    {
        float[] values = [0.5f, -1f, 3.25f, float.MaxValue, 0f, 1e-20f];
        var hello = new Hello("fuzz-bot", ["a", "b"], [new SensorTerm("imu", 6)], 20_000_000);
        var sensor = new byte[SensorFrame.MaxLength(values.Length)];
        var action = new byte[ActionFrame.MaxLength(2)];
        return
        [
            sensor[..new SensorFrame(7, 123_456_789, values).Write(sensor)],
            action[..new ActionFrame(7, 1, 2, ActionMode.Hold, values.AsSpan(0, 2)).Write(action)],
            WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(3, 4).Write),
            hello.ToArray(),
            WireMessage.Encode(new EStop(2, "button").MaxLength, new EStop(2, "button").Write),
            WireMessage.Encode(new Fault(9, "driver over temperature").MaxLength, new Fault(9, "driver over temperature").Write),
        ];
    }
}
