namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>Formats shapes the way error messages quote them: "[4, 8]", "[]" for a scalar.</summary>
internal static class ShapeText
{
    public static string Format(ReadOnlySpan<long> shape)
    {
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(shape[i]);
        return text.Append(']').ToString();
    }

    public static string Format(IReadOnlyList<long> shape) => Format(shape.ToArray().AsSpan());
}
