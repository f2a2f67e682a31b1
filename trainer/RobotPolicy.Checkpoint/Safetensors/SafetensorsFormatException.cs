namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// A safetensors file (or byte buffer) that does not follow the format, or that lacks what the caller asked for.
/// The message always starts with the source name, then says which field or tensor is wrong and with what value,
/// e.g. "weights.safetensors: tensor 'actor.0.weight': data_offsets [0, 100] hold 100 bytes but shape [4, 8] of F32 needs 128".
/// </summary>
public sealed class SafetensorsFormatException : Exception
{
    public SafetensorsFormatException(string sourceName, string problem, Exception? innerException = null)
        : base($"{sourceName}: {problem}", innerException)
    {
        SourceName = sourceName;
        Problem = problem;
    }

    /// <summary>The file path or caller-given name of the data that was being read.</summary>
    public string SourceName { get; }

    /// <summary>The message without the source name prefix.</summary>
    public string Problem { get; }
}
