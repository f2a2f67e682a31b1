namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// Element types a safetensors header can name. Every one is a whole number of bytes wide; the sub-byte types
/// of newer format revisions (F4, F6_*) are rejected when parsing. <see cref="SafetensorsDTypeInfo"/> maps these
/// to the header spelling ("F32", "BF16", ...) and to their sizes.
/// </summary>
public enum SafetensorsDType
{
    Bool,
    UInt8,
    Int8,
    Float8E5M2,
    Float8E4M3,
    Int16,
    UInt16,
    Float16,
    BFloat16,
    Int32,
    UInt32,
    Float32,
    Float64,
    Int64,
    UInt64,
}
