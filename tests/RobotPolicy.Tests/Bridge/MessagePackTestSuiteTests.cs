using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using MessagePack;
using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// The community conformance data set (npm msgpack-test-suite, pinned in build/npm-packages.json): every case of
/// every group lists a value and each of its accepted encodings. Each encoding must decode to the value (through the
/// tree and through MessagePack-CSharp's typed reads, which the bridge uses), and re-encoding must give one of the
/// accepted encodings.
/// </summary>
public class MessagePackTestSuiteTests
{
    private const string Package = "msgpack-test-suite";

    private static readonly string[] Groups =
    [
        "10.nil.yaml", "11.bool.yaml", "12.binary.yaml", "20.number-positive.yaml", "21.number-negative.yaml",
        "22.number-float.yaml", "23.number-bignum.yaml", "30.string-ascii.yaml", "31.string-utf8.yaml",
        "32.string-emoji.yaml", "40.array.yaml", "41.map.yaml", "42.nested.yaml", "50.timestamp.yaml", "60.ext.yaml",
    ];

    private static readonly Lazy<JsonObject> Suite = new(() =>
    {
        string file = Path.Combine(NpmPackages.Fetch(Package), "package", "dist", "msgpack-test-suite.json");
        return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
    });

    [NpmFact(Package)]
    public void Every_group_of_the_suite_is_tested_here()
    {
        Assert.Equal(Groups, Suite.Value.Select(g => g.Key).Order(StringComparer.Ordinal));
        int cases = Suite.Value.Sum(g => g.Value!.AsArray().Count);
        int encodings = Suite.Value.Sum(g => g.Value!.AsArray().Sum(c => c!["msgpack"]!.AsArray().Count));
        Assert.Equal((85, 233), (cases, encodings));
    }

    [NpmTheory(Package)]
    [InlineData("10.nil.yaml")]
    [InlineData("11.bool.yaml")]
    [InlineData("12.binary.yaml")]
    [InlineData("20.number-positive.yaml")]
    [InlineData("21.number-negative.yaml")]
    [InlineData("22.number-float.yaml")]
    [InlineData("23.number-bignum.yaml")]
    [InlineData("30.string-ascii.yaml")]
    [InlineData("31.string-utf8.yaml")]
    [InlineData("32.string-emoji.yaml")]
    [InlineData("40.array.yaml")]
    [InlineData("41.map.yaml")]
    [InlineData("42.nested.yaml")]
    [InlineData("50.timestamp.yaml")]
    [InlineData("60.ext.yaml")]
    public void Every_encoding_decodes_to_the_value_and_re_encodes_to_an_accepted_form(string group)
    {
        JsonArray cases = Suite.Value[group]!.AsArray();
        Assert.NotEmpty(cases);
        foreach (JsonObject testCase in cases.Select(c => c!.AsObject()))
        {
            var accepted = testCase["msgpack"]!.AsArray().Select(e => Hex.Of(Hex.Parse(e!.GetValue<string>()))).ToHashSet(StringComparer.Ordinal);
            // "bignum" is exact where "number" (a JSON double) may not be; cases with both carry the same value.
            string kind = testCase.ContainsKey("bignum") ? "bignum" : testCase.Select(p => p.Key).Single(k => k != "msgpack");
            JsonNode? expected = testCase[kind];
            string label = $"{group} {kind} {expected?.ToJsonString() ?? "null"}";

            MessagePackValue canonical = FromSuite(kind, expected);
            Assert.True(accepted.Contains(Hex.Of(MessagePackTree.Encode(canonical))),
                $"{label}: the value encodes as {Hex.Of(MessagePackTree.Encode(canonical))}, which the suite does not accept");

            foreach (string encoding in accepted)
            {
                byte[] bytes = Hex.Parse(encoding);
                MessagePackValue decoded = MessagePackTree.Decode(bytes);
                Assert.True(Matches(kind, expected, decoded), $"{label}: {encoding} decoded as {decoded}");
                string again = Hex.Of(MessagePackTree.Encode(decoded));
                Assert.True(accepted.Contains(again), $"{label}: {encoding} re-encoded as {again}, which the suite does not accept");
                CheckTypedRead(kind, expected, bytes, label + " " + encoding);
            }
        }
    }

    /// <summary>The value a case stands for, as the bridge would write it.</summary>
    private static MessagePackValue FromSuite(string kind, JsonNode? expected) => kind switch
    {
        "nil" => MessagePackValue.Nil,
        "bool" => MessagePackValue.FromBoolean(expected!.GetValue<bool>()),
        "binary" => MessagePackValue.FromBinary(Hex.Parse(expected!.GetValue<string>())),
        "bignum" => MessagePackValue.FromInteger(Int128.Parse(expected!.GetValue<string>(), CultureInfo.InvariantCulture)),
        "timestamp" => MessagePackValue.FromTimestamp(Timestamp(expected!)),
        "ext" => MessagePackValue.FromExtension((sbyte)expected![0]!.GetValue<int>(), Hex.Parse(expected[1]!.GetValue<string>())),
        _ => FromJson(expected),
    };

    private static MessagePackValue FromJson(JsonNode? node) => node switch
    {
        null => MessagePackValue.Nil,
        JsonArray array => MessagePackValue.FromArray(array.Select(FromJson)),
        JsonObject map => MessagePackValue.FromMap(map.Select(p => KeyValuePair.Create(MessagePackValue.FromString(p.Key), FromJson(p.Value)))),
        JsonValue value when value.TryGetValue(out string? text) => MessagePackValue.FromString(text),
        JsonValue value when value.TryGetValue(out bool flag) => MessagePackValue.FromBoolean(flag),
        JsonValue value => IsInteger(value, out BigInteger integer)
            ? MessagePackValue.FromInteger((Int128)integer)
            : MessagePackValue.FromDouble(value.GetValue<double>()),
        _ => throw new InvalidOperationException($"unexpected JSON {node.ToJsonString()}"),
    };

    private static bool Matches(string kind, JsonNode? expected, MessagePackValue actual) => kind switch
    {
        "bignum" => NumberEquals(actual, BigInteger.Parse(expected!.GetValue<string>(), CultureInfo.InvariantCulture), null),
        "binary" or "timestamp" or "ext" => actual.Equals(FromSuite(kind, expected)),
        _ => MatchesJson(expected, actual),
    };

    private static bool MatchesJson(JsonNode? expected, MessagePackValue actual) => expected switch
    {
        null => actual.Kind == MessagePackValueKind.Nil,
        JsonArray array => actual.Kind == MessagePackValueKind.Array && actual.Items.Count == array.Count
            && array.Zip(actual.Items).All(p => MatchesJson(p.First, p.Second)),
        JsonObject map => actual.Kind == MessagePackValueKind.Map && actual.Pairs.Count == map.Count
            && map.Zip(actual.Pairs).All(p => p.Second.Key.Kind == MessagePackValueKind.String
                && p.Second.Key.String == p.First.Key && MatchesJson(p.First.Value, p.Second.Value)),
        JsonValue value when value.TryGetValue(out string? text) => actual.Kind == MessagePackValueKind.String && actual.String == text,
        JsonValue value when value.TryGetValue(out bool flag) => actual.Kind == MessagePackValueKind.Boolean && actual.Boolean == flag,
        JsonValue value => NumberEquals(actual, IsInteger(value, out BigInteger integer) ? integer : null, value.GetValue<double>()),
        _ => throw new InvalidOperationException($"unexpected JSON {expected.ToJsonString()}"),
    };

    /// <summary>An integer must equal the number exactly; a float must too, whichever width it came in.</summary>
    private static bool NumberEquals(MessagePackValue actual, BigInteger? integer, double? number) => actual.Kind switch
    {
        MessagePackValueKind.Integer => integer == (BigInteger)actual.Integer,
        MessagePackValueKind.Float32 or MessagePackValueKind.Float64 => integer is { } exact
            ? double.IsInteger(actual.Float) && new BigInteger(actual.Float) == exact
            : actual.Float == number,
        _ => false,
    };

    private static bool IsInteger(JsonValue value, out BigInteger integer) =>
        BigInteger.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer);

    private static MessagePackTimestamp Timestamp(JsonNode pair) => new(pair[0]!.GetValue<long>(), pair[1]!.GetValue<uint>());

    /// <summary>The typed reads the bridge's messages use accept every width the suite lists.</summary>
    private static void CheckTypedRead(string kind, JsonNode? expected, byte[] bytes, string label)
    {
        var reader = new MessagePackReader(bytes);
        switch (kind)
        {
            case "number" or "bignum":
                BigInteger? exact = kind == "bignum"
                    ? BigInteger.Parse(expected!.GetValue<string>(), CultureInfo.InvariantCulture)
                    : IsInteger(expected!.AsValue(), out BigInteger parsed) ? parsed : null;
                bool integerFormat = MessagePackTree.Decode(bytes).Kind == MessagePackValueKind.Integer;
                if (integerFormat && exact >= long.MinValue && exact <= long.MaxValue)
                {
                    Assert.True((BigInteger)new MessagePackReader(bytes).ReadInt64() == exact, label);
                }
                if (integerFormat && exact >= 0 && exact <= ulong.MaxValue)
                {
                    Assert.True((BigInteger)new MessagePackReader(bytes).ReadUInt64() == exact, label);
                }
                // Through Int128, which rounds to nearest: BigInteger's own conversion truncates (2^63 - 1 would not become 2^63).
                double asDouble = exact is { } e ? (double)(Int128)e : expected!.GetValue<double>();
                Assert.True(reader.ReadDouble() == asDouble, label);
                break;
            case "string":
                string text = expected!.GetValue<string>();
                Assert.Equal(text, new MessagePackReader(bytes).ReadString());
                Assert.True(reader.TryReadStringSpan(out ReadOnlySpan<byte> utf8) && utf8.SequenceEqual(Encoding.UTF8.GetBytes(text)), label);
                break;
            case "binary":
                Assert.Equal(Hex.Parse(expected!.GetValue<string>()), System.Buffers.BuffersExtensions.ToArray(reader.ReadBytes()!.Value));
                break;
            case "timestamp":
                // The package reads timestamps only into DateTime (100 ns); the tree keeps the spec's nanoseconds.
                Assert.Equal(Timestamp(expected!), MessagePackTree.Decode(bytes).Timestamp);
                reader.Skip();
                break;
            case "nil":
                Assert.True(reader.TryReadNil(), label);
                break;
            case "bool":
                Assert.Equal(expected!.GetValue<bool>(), reader.ReadBoolean());
                break;
            default:
                reader.Skip();
                break;
        }
        Assert.True(reader.End, $"{label}: {bytes.Length - reader.Consumed} bytes left after the typed read");
    }
}
