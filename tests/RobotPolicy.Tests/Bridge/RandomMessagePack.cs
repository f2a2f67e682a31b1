using System.Text;
using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// Seeded random MessagePack trees that reach every format: integers of every width, floats from random bits,
/// strings in several scripts (emoji included), binaries, nested arrays and maps, extensions and timestamps in all
/// three layouts, and now and then a value long enough for the 16- and 32-bit length formats.
/// <paramref name="javaScriptSafe"/> keeps to what a JavaScript peer can hold exactly: maps keyed by distinct
/// non-numeric strings (a JS object reorders integer-like keys and merges duplicates), timestamp seconds within ±2^53.
/// </summary>
internal sealed class RandomMessagePack(int seed, bool javaScriptSafe)
{
    private static readonly string[] Alphabet = ["a", "z", "Q", "0", " ", "\"", "é", "Ж", "ж", "中", "ひ", "🙂", "🍺", "\u0000", "\n"];

    private readonly Random _rng = new(seed);

    public MessagePackValue Value(int depth = 0)
    {
        int kinds = depth >= 3 ? 9 : 11;
        return _rng.Next(kinds) switch
        {
            0 => MessagePackValue.Nil,
            1 => MessagePackValue.FromBoolean(_rng.Next(2) == 1),
            2 or 3 => MessagePackValue.FromInteger(Integer()),
            4 => MessagePackValue.FromSingle(Single()),
            5 => MessagePackValue.FromDouble(Double()),
            6 => MessagePackValue.FromString(Text(Length())),
            7 => _rng.Next(3) == 0 ? MessagePackValue.FromTimestamp(Timestamp()) : Extension(),
            8 => MessagePackValue.FromBinary(Bytes(Length())),
            9 => MessagePackValue.FromArray(Enumerable.Range(0, Count()).Select(_ => Value(depth + 1)).ToArray()),
            _ => Map(depth),
        };
    }

    public Int128 Integer() => _rng.Next(10) switch
    {
        0 => _rng.Next(0, 128),
        1 => _rng.Next(-32, 0),
        2 => _rng.Next(128, 256),
        3 => _rng.Next(256, 65536),
        4 => _rng.NextInt64(65536, (long)uint.MaxValue + 1),
        5 => (Int128)(ulong)_rng.NextInt64(long.MinValue, long.MaxValue) | ((Int128)1 << 63) | _rng.Next(2),
        6 => _rng.Next(-128, -32),
        7 => _rng.Next(short.MinValue, -128),
        8 => _rng.NextInt64(int.MinValue, short.MinValue),
        _ => _rng.Next(2) == 0 ? long.MinValue : _rng.NextInt64(long.MinValue, int.MinValue),
    };

    public float Single()
    {
        float value;
        do
        {
            value = _rng.Next(4) == 0 ? _rng.Next(-1000, 1000) / 8f : BitConverter.Int32BitsToSingle(_rng.Next() ^ (_rng.Next(2) << 31));
        }
        while (float.IsNaN(value));
        return value;
    }

    public double Double()
    {
        double value;
        do
        {
            value = _rng.Next(4) == 0 ? _rng.NextDouble() * 2e6 - 1e6 : BitConverter.Int64BitsToDouble(_rng.NextInt64(long.MinValue, long.MaxValue));
        }
        while (double.IsNaN(value));
        return value;
    }

    public string Text(int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(Alphabet[_rng.Next(Alphabet.Length)]);
        }
        return text.ToString();
    }

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _rng.NextBytes(bytes);
        return bytes;
    }

    public MessagePackTimestamp Timestamp()
    {
        long limit = javaScriptSafe ? 1L << 53 : long.MaxValue;
        return _rng.Next(4) switch
        {
            0 => new(_rng.NextInt64(0, (long)uint.MaxValue + 1), 0),
            1 => new(_rng.NextInt64(0, 1L << 34), (uint)_rng.Next(1_000_000_000)),
            2 => new(_rng.NextInt64(-limit, 0), (uint)_rng.Next(1_000_000_000)),
            _ => new(_rng.NextInt64(1L << 34, limit), (uint)_rng.Next(1_000_000_000)),
        };
    }

    private MessagePackValue Extension()
    {
        sbyte type;
        do
        {
            type = (sbyte)_rng.Next(-128, 128);
        }
        while (type == MessagePackTree.TimestampType);
        int[] lengths = [0, 1, 2, 3, 4, 8, 16, 17, 255, 256];
        int length = _rng.Next(50) == 0 ? 65536 + _rng.Next(10) : lengths[_rng.Next(lengths.Length)];
        return MessagePackValue.FromExtension(type, Bytes(length));
    }

    private MessagePackValue Map(int depth)
    {
        int count = Count();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<KeyValuePair<MessagePackValue, MessagePackValue>>();
        while (pairs.Count < count)
        {
            MessagePackValue key = javaScriptSafe || _rng.Next(2) == 0
                ? MessagePackValue.FromString("k" + Text(_rng.Next(0, 6)))
                : Value(depth + 1);
            if (key.Kind != MessagePackValueKind.String || keys.Add(key.String))
            {
                pairs.Add(new(key, Value(depth + 1)));
            }
        }
        return MessagePackValue.FromMap(pairs);
    }

    /// <summary>Mostly short; sometimes past the 8-bit formats; rarely past the 16-bit ones.</summary>
    private int Length() => _rng.Next(100) switch
    {
        0 => 65536 + _rng.Next(100),
        < 8 => _rng.Next(200, 300),
        _ => _rng.Next(0, 40),
    };

    private int Count() => _rng.Next(10) == 0 ? _rng.Next(16, 20) : _rng.Next(0, 8);
}
