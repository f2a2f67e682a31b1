namespace RobotPolicy.Bridge.MessagePack;

/// <summary>An ext or fixext header: the application's type code and the length of the data that follows.</summary>
public readonly record struct ExtensionHeader(sbyte Type, int Length);
