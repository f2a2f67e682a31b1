namespace RobotPolicy.Exporter;

/// <summary>Export could not proceed: the message names the file, the tensor or field, and the value at fault.</summary>
public sealed class ExportException : Exception
{
    public ExportException(string message) : base(message) { }

    public ExportException(string message, Exception inner) : base(message, inner) { }
}
