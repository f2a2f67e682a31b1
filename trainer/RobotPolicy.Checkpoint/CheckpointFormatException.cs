namespace RobotPolicy.Checkpoint;

/// <summary>A checkpoint or model description is malformed; the message names the file and the field.</summary>
public sealed class CheckpointFormatException : Exception
{
    public CheckpointFormatException(string message) : base(message) { }

    public CheckpointFormatException(string message, Exception inner) : base(message, inner) { }
}
