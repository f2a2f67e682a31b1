namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>The header spelling and element size of each <see cref="SafetensorsDType"/>.</summary>
public static class SafetensorsDTypeInfo
{
    // Spellings as the reference implementation (huggingface/safetensors) writes them.
    private static readonly (SafetensorsDType DType, string HeaderName, int Size)[] Table =
    [
        (SafetensorsDType.Bool, "BOOL", 1),
        (SafetensorsDType.UInt8, "U8", 1),
        (SafetensorsDType.Int8, "I8", 1),
        (SafetensorsDType.Float8E5M2, "F8_E5M2", 1),
        (SafetensorsDType.Float8E4M3, "F8_E4M3", 1),
        (SafetensorsDType.Int16, "I16", 2),
        (SafetensorsDType.UInt16, "U16", 2),
        (SafetensorsDType.Float16, "F16", 2),
        (SafetensorsDType.BFloat16, "BF16", 2),
        (SafetensorsDType.Int32, "I32", 4),
        (SafetensorsDType.UInt32, "U32", 4),
        (SafetensorsDType.Float32, "F32", 4),
        (SafetensorsDType.Float64, "F64", 8),
        (SafetensorsDType.Int64, "I64", 8),
        (SafetensorsDType.UInt64, "U64", 8),
    ];

    /// <summary>The header names this library understands, for error messages.</summary>
    public static string SupportedHeaderNames { get; } = string.Join(", ", Table.Select(entry => entry.HeaderName));

    /// <summary>Bytes per element.</summary>
    public static int SizeInBytes(SafetensorsDType dtype) => Entry(dtype).Size;

    /// <summary>The spelling used in the JSON header, e.g. "F32".</summary>
    public static string HeaderName(SafetensorsDType dtype) => Entry(dtype).HeaderName;

    /// <summary>Looks up a header spelling; the comparison is exact (case-sensitive), as in the reference implementation.</summary>
    public static bool TryParseHeaderName(string headerName, out SafetensorsDType dtype)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.HeaderName, headerName, StringComparison.Ordinal))
            {
                dtype = entry.DType;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    // A search rather than indexing by the enum value, so reordering either list cannot silently mismatch them.
    private static (SafetensorsDType DType, string HeaderName, int Size) Entry(SafetensorsDType dtype)
    {
        foreach (var entry in Table)
        {
            if (entry.DType == dtype)
                return entry;
        }
        throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a defined SafetensorsDType value.");
    }
}
