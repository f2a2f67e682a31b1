namespace RobotPolicy.Tests.Bridge;

/// <summary>Hex for byte assertions: "cd-01-00", "cd 01 00" and "cd0100" all read the same.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(hex.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
