using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// Round trips with an independent implementation, @msgpack/msgpack (pinned in robot-bridge/js-peers/npm-packages.json), both ways:
/// C# encodes, JavaScript decodes and encodes again, C# decodes; and JavaScript encodes, C# decodes and encodes
/// again, JavaScript decodes and compares. Messages are random (seeded) after a list of boundary values: integers
/// of every width, floats, strings in several scripts, binaries, nested arrays and maps, extensions and
/// timestamps in all three layouts, and values long enough for the 16- and 32-bit length formats.
/// </summary>
public class MessagePackJavaScriptPeerTests
{
    private const string Package = "msgpack-javascript";
    private const int RandomMessages = 400;

    private static string PeerScript => Path.Combine(AppContext.BaseDirectory, "Bridge", "msgpack_peer.mjs");

    [NpmFact(Package)]
    public void Messages_encoded_here_come_back_from_javascript_as_the_same_values()
    {
        var random = new RandomMessagePack(seed: 21, javaScriptSafe: true);
        List<MessagePackValue> sent = [.. BoundaryMessages(), .. Enumerable.Range(0, RandomMessages).Select(_ => random.Value())];

        string input = string.Join('\n', sent.Select(v => Convert.ToBase64String(MessagePackTree.Encode(v))));
        string[] echoed = RunPeer(["echo"], input).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(sent.Count, echoed.Length);
        for (int i = 0; i < sent.Count; i++)
        {
            MessagePackValue expected = AsJavaScriptSendsIt(sent[i]);
            MessagePackValue back = MessagePackTree.Decode(Convert.FromBase64String(echoed[i]));
            Assert.True(expected.Equals(back), $"message {i}: sent {Shorten(sent[i])}, came back as {Shorten(back)}");
        }
    }

    [NpmFact(Package)]
    public void Messages_encoded_in_javascript_decode_here_and_go_back_unchanged()
    {
        const int count = RandomMessages + 9; // the peer's nine boundary messages, then random ones
        string seed = "33";
        string[] generated = RunPeer(["generate", seed, count.ToString(System.Globalization.CultureInfo.InvariantCulture)], "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count, generated.Length);

        var kinds = new HashSet<MessagePackValueKind>();
        var reEncoded = generated.Select(line =>
        {
            MessagePackValue value = MessagePackTree.Decode(Convert.FromBase64String(line));
            Collect(value, kinds);
            return Convert.ToBase64String(MessagePackTree.Encode(value));
        });
        string verdict = RunPeer(["verify", seed, count.ToString(System.Globalization.CultureInfo.InvariantCulture)], string.Join('\n', reEncoded));

        Assert.Equal($"verified {count} messages", verdict.Trim());
        // Everything JavaScript can send arrived (it has no float32 of its own).
        Assert.Equal(Enum.GetValues<MessagePackValueKind>().Except([MessagePackValueKind.Float32]).Order(), kinds.Order());
    }

    /// <summary>
    /// What @msgpack/msgpack sends back for a value: a JS number that is a whole number in [-2^31, 2^32) goes as an
    /// integer and any other number as a float64 (so float32 1.5 returns as float64 1.5); everything else as it was.
    /// </summary>
    private static MessagePackValue AsJavaScriptSendsIt(MessagePackValue value) => value.Kind switch
    {
        MessagePackValueKind.Float32 or MessagePackValueKind.Float64 =>
            double.IsInteger(value.Float) && value.Float >= -2147483648.0 && value.Float < 4294967296.0
                ? MessagePackValue.FromInteger((Int128)value.Float)
                : MessagePackValue.FromDouble(value.Float),
        MessagePackValueKind.Array => MessagePackValue.FromArray(value.Items.Select(AsJavaScriptSendsIt)),
        MessagePackValueKind.Map => MessagePackValue.FromMap(value.Pairs.Select(p => KeyValuePair.Create(p.Key, AsJavaScriptSendsIt(p.Value)))),
        _ => value,
    };

    /// <summary>Every boundary the formats have, as separate messages.</summary>
    private static IEnumerable<MessagePackValue> BoundaryMessages()
    {
        Int128[] integers =
        [
            0, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, (Int128)uint.MaxValue + 1, long.MaxValue, ulong.MaxValue,
            -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (Int128)int.MinValue - 1, long.MinValue,
        ];
        yield return MessagePackValue.FromArray(integers.Select(MessagePackValue.FromInteger));
        yield return MessagePackValue.FromArray(
            MessagePackValue.FromSingle(1.5f), MessagePackValue.FromSingle(-0.1f), MessagePackValue.FromSingle(3f),
            MessagePackValue.FromSingle(float.MaxValue), MessagePackValue.FromSingle(float.Epsilon),
            MessagePackValue.FromDouble(0.1), MessagePackValue.FromDouble(-1e300), MessagePackValue.FromDouble(double.NegativeInfinity),
            MessagePackValue.FromDouble(5e9), MessagePackValue.FromDouble(-0.0));
        yield return MessagePackValue.FromArray(
            new[] { 0, 31, 32, 255, 256, 65535, 65536 }.Select(n => MessagePackValue.FromString(new string('é', n / 2) + new string('x', n % 2))));
        yield return MessagePackValue.FromString("ロボット 🤖 Кириллица");
        yield return MessagePackValue.FromArray(new[] { 0, 255, 256, 65535, 65536 }.Select(n => MessagePackValue.FromBinary(new byte[n])));
        yield return MessagePackValue.FromArray(new[] { 0, 1, 2, 3, 4, 8, 16, 17, 255, 256, 65535, 65536 }
            .Select(n => MessagePackValue.FromExtension(42, Enumerable.Range(0, n).Select(i => (byte)i).ToArray())));
        yield return MessagePackValue.FromArray(new MessagePackTimestamp[]
        {
            new(0, 0), new(uint.MaxValue, 0), new(1, 1), new((long)uint.MaxValue + 1, 0), new((1L << 34) - 1, 999_999_999),
            new(1L << 34, 0), new(-1, 0), new(-62135596800, 0), new((1L << 53) - 1, 999_999_999),
        }.Select(MessagePackValue.FromTimestamp));
        yield return MessagePackValue.FromArray(Enumerable.Range(0, 70_000).Select(i => MessagePackValue.FromInteger(i % 300)));
        yield return MessagePackValue.FromMap(Enumerable.Range(0, 17).Select(i =>
            KeyValuePair.Create(MessagePackValue.FromString($"k{i}"), MessagePackValue.FromArray(MessagePackValue.Nil, MessagePackValue.True))));
    }

    private static string RunPeer(string[] arguments, string stdin)
    {
        string package = NpmPackages.Fetch(Package);
        var r = ChildProcess.Run("node", [PeerScript, arguments[0], package, .. arguments[1..]], TimeSpan.FromMinutes(2), stdin: stdin);
        Assert.True(r.ExitCode == 0, $"msgpack_peer.mjs {arguments[0]} failed (exit {r.ExitCode}):\n{r.Err}");
        return r.Out;
    }

    private static void Collect(MessagePackValue value, HashSet<MessagePackValueKind> kinds)
    {
        kinds.Add(value.Kind);
        if (value.Kind == MessagePackValueKind.Array)
        {
            value.Items.ToList().ForEach(v => Collect(v, kinds));
        }
        else if (value.Kind == MessagePackValueKind.Map)
        {
            value.Pairs.ToList().ForEach(p => { Collect(p.Key, kinds); Collect(p.Value, kinds); });
        }
    }

    private static string Shorten(MessagePackValue value)
    {
        string text = value.ToString();
        return text.Length <= 400 ? text : text[..400] + "...";
    }
}
