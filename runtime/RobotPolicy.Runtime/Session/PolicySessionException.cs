namespace RobotPolicy.Runtime.Session;

/// <summary>A policy session could not be opened or used; the message names the file, field or value at fault.</summary>
public sealed class PolicySessionException : Exception
{
    public PolicySessionException(string message) : base(message) { }

    public PolicySessionException(string message, Exception inner) : base(message, inner) { }
}
