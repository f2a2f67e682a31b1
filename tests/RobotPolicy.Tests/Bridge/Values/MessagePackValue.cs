using System.Globalization;
using System.Text;

namespace RobotPolicy.Tests.Bridge.Values;

/// <summary>
/// Any MessagePack value as an immutable tree, so tests can write what another peer might send and compare what
/// comes back (<see cref="MessagePackTree"/> reads and writes it with MessagePack-CSharp's reader and writer).
/// Equality is structural; floats compare by their bits, so NaN equals itself, 0.0 differs from -0.0, and a
/// float32 keeps its exact bits (a signalling NaN stays signalling).
/// </summary>
public sealed class MessagePackValue : IEquatable<MessagePackValue>
{
    private static readonly Int128 MinInteger = long.MinValue;
    private static readonly Int128 MaxInteger = ulong.MaxValue;

    private readonly Int128 _integer;
    private readonly double _float;
    private readonly float _single;
    private readonly object? _reference;
    private readonly sbyte _extensionType;
    private readonly MessagePackTimestamp _timestamp;

    private MessagePackValue(MessagePackValueKind kind, Int128 integer = default, double number = 0, object? reference = null,
        sbyte extensionType = 0, MessagePackTimestamp timestamp = default, float single = 0)
    {
        _single = single;
        Kind = kind;
        _integer = integer;
        _float = number;
        _reference = reference;
        _extensionType = extensionType;
        _timestamp = timestamp;
    }

    public static MessagePackValue Nil { get; } = new(MessagePackValueKind.Nil);

    public static MessagePackValue True { get; } = new(MessagePackValueKind.Boolean, integer: 1);

    public static MessagePackValue False { get; } = new(MessagePackValueKind.Boolean, integer: 0);

    public MessagePackValueKind Kind { get; }

    public bool Boolean => Expect(MessagePackValueKind.Boolean)._integer != 0;

    /// <summary>The integer, from int64's minimum to uint64's maximum.</summary>
    public Int128 Integer => Expect(MessagePackValueKind.Integer)._integer;

    /// <summary>A float32 (widened exactly) or float64 value.</summary>
    public double Float => Kind switch
    {
        MessagePackValueKind.Float32 => _single,
        MessagePackValueKind.Float64 => _float,
        _ => throw new InvalidOperationException($"a {Kind} value has no Float"),
    };

    /// <summary>A float32 value, bit for bit.</summary>
    public float Single => Expect(MessagePackValueKind.Float32)._single;

    public string String => (string)Expect(MessagePackValueKind.String)._reference!;

    /// <summary>A binary's bytes, or an extension's data.</summary>
    public ReadOnlyMemory<byte> Bytes => Kind is MessagePackValueKind.Binary or MessagePackValueKind.Extension
        ? (byte[])_reference!
        : throw new InvalidOperationException($"a {Kind} value has no Bytes");

    public sbyte ExtensionType => Expect(MessagePackValueKind.Extension)._extensionType;

    public IReadOnlyList<MessagePackValue> Items => (IReadOnlyList<MessagePackValue>)Expect(MessagePackValueKind.Array)._reference!;

    /// <summary>A map's pairs in wire order (keys may be any value and are not required to be unique).</summary>
    public IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> Pairs =>
        (IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>>)Expect(MessagePackValueKind.Map)._reference!;

    public MessagePackTimestamp Timestamp => Expect(MessagePackValueKind.Timestamp)._timestamp;

    public static MessagePackValue FromBoolean(bool value) => value ? True : False;

    public static MessagePackValue FromInteger(Int128 value)
    {
        if (value < MinInteger || value > MaxInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "MessagePack integers range from int64's minimum to uint64's maximum");
        }
        return new(MessagePackValueKind.Integer, integer: value);
    }

    // Kept as a float: widening a signalling NaN to double would quieten it.
    public static MessagePackValue FromSingle(float value) => new(MessagePackValueKind.Float32, single: value);

    public static MessagePackValue FromDouble(double value) => new(MessagePackValueKind.Float64, number: value);

    public static MessagePackValue FromString(string value) => new(MessagePackValueKind.String, reference: value);

    public static MessagePackValue FromBinary(ReadOnlySpan<byte> value) => new(MessagePackValueKind.Binary, reference: value.ToArray());

    public static MessagePackValue FromArray(IEnumerable<MessagePackValue> items) =>
        new(MessagePackValueKind.Array, reference: items.ToArray());

    public static MessagePackValue FromArray(params MessagePackValue[] items) =>
        new(MessagePackValueKind.Array, reference: items.ToArray());

    public static MessagePackValue FromMap(IEnumerable<KeyValuePair<MessagePackValue, MessagePackValue>> pairs) =>
        new(MessagePackValueKind.Map, reference: pairs.ToArray());

    /// <summary>An extension other than the timestamp (type -1, which has <see cref="FromTimestamp"/>).</summary>
    public static MessagePackValue FromExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        if (type == MessagePackTree.TimestampType)
        {
            throw new ArgumentException("ext type -1 is the timestamp: use FromTimestamp", nameof(type));
        }
        return new(MessagePackValueKind.Extension, reference: data.ToArray(), extensionType: type);
    }

    public static MessagePackValue FromTimestamp(MessagePackTimestamp value) => new(MessagePackValueKind.Timestamp, timestamp: value);

    public bool Equals(MessagePackValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other.Kind != Kind)
        {
            return false;
        }
        return Kind switch
        {
            MessagePackValueKind.Nil => true,
            MessagePackValueKind.Boolean or MessagePackValueKind.Integer => _integer == other._integer,
            MessagePackValueKind.Float32 => BitConverter.SingleToInt32Bits(_single) == BitConverter.SingleToInt32Bits(other._single),
            MessagePackValueKind.Float64 => BitConverter.DoubleToInt64Bits(_float) == BitConverter.DoubleToInt64Bits(other._float),
            MessagePackValueKind.String => string.Equals(String, other.String, StringComparison.Ordinal),
            MessagePackValueKind.Binary => Bytes.Span.SequenceEqual(other.Bytes.Span),
            MessagePackValueKind.Extension => _extensionType == other._extensionType && Bytes.Span.SequenceEqual(other.Bytes.Span),
            MessagePackValueKind.Timestamp => _timestamp == other._timestamp,
            MessagePackValueKind.Array => Items.SequenceEqual(other.Items),
            MessagePackValueKind.Map => Pairs.Count == other.Pairs.Count
                && Pairs.Zip(other.Pairs).All(p => p.First.Key.Equals(p.Second.Key) && p.First.Value.Equals(p.Second.Value)),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => Equals(obj as MessagePackValue);

    public override int GetHashCode() => Kind switch
    {
        MessagePackValueKind.Boolean or MessagePackValueKind.Integer => HashCode.Combine(Kind, _integer),
        MessagePackValueKind.Float32 => HashCode.Combine(Kind, BitConverter.SingleToInt32Bits(_single)),
        MessagePackValueKind.Float64 => HashCode.Combine(Kind, BitConverter.DoubleToInt64Bits(_float)),
        MessagePackValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(String)),
        MessagePackValueKind.Binary or MessagePackValueKind.Extension => HashCode.Combine(Kind, _extensionType, Bytes.Length),
        MessagePackValueKind.Timestamp => HashCode.Combine(Kind, _timestamp),
        MessagePackValueKind.Array => HashCode.Combine(Kind, Items.Count),
        MessagePackValueKind.Map => HashCode.Combine(Kind, Pairs.Count),
        _ => Kind.GetHashCode(),
    };

    /// <summary>A one-line diagnostic form: <c>{"seq": 7, "t": timestamp(1.000000500s), "obs": [0.5f, -1.0f]}</c>, bin as <c>b"0aff"</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text);
        return text.ToString();
    }

    private void Append(StringBuilder text)
    {
        switch (Kind)
        {
            case MessagePackValueKind.Nil: text.Append("nil"); break;
            case MessagePackValueKind.Boolean: text.Append(Boolean ? "true" : "false"); break;
            case MessagePackValueKind.Integer: text.Append(_integer.ToString(CultureInfo.InvariantCulture)); break;
            case MessagePackValueKind.Float32: text.Append(_single.ToString("R", CultureInfo.InvariantCulture)).Append('f'); break;
            case MessagePackValueKind.Float64: text.Append(_float.ToString("R", CultureInfo.InvariantCulture)); break;
            case MessagePackValueKind.String: text.Append('"').Append(String.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"'); break;
            case MessagePackValueKind.Binary: text.Append("b\"").Append(Convert.ToHexStringLower(Bytes.Span)).Append('"'); break;
            case MessagePackValueKind.Extension:
                text.Append("ext(").Append(_extensionType).Append(", \"").Append(Convert.ToHexStringLower(Bytes.Span)).Append("\")");
                break;
            case MessagePackValueKind.Timestamp: text.Append("timestamp(").Append(_timestamp).Append(')'); break;
            case MessagePackValueKind.Array:
                text.Append('[');
                for (int i = 0; i < Items.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Items[i].Append(text);
                }
                text.Append(']');
                break;
            case MessagePackValueKind.Map:
                text.Append('{');
                for (int i = 0; i < Pairs.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Pairs[i].Key.Append(text);
                    text.Append(": ");
                    Pairs[i].Value.Append(text);
                }
                text.Append('}');
                break;
        }
    }

    private MessagePackValue Expect(MessagePackValueKind kind) =>
        Kind == kind ? this : throw new InvalidOperationException($"expected a {kind} value, this is {Kind}: {this}");
}
