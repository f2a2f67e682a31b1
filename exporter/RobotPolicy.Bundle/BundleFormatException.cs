namespace RobotPolicy.Bundle;

/// <summary>A policy bundle, or its metadata, is not what it must be. The message names the file and the field.</summary>
public sealed class BundleFormatException : Exception
{
    public BundleFormatException(string message) : base(message) { }

    public BundleFormatException(string message, Exception inner) : base(message, inner) { }
}
