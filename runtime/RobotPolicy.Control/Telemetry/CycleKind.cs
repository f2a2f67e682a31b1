namespace RobotPolicy.Control.Telemetry;

/// <summary>Why the runtime sent what it sent in a cycle.</summary>
public enum CycleKind : byte
{
    /// <summary>A sensor frame arrived and the policy answered it.</summary>
    Policy,

    /// <summary>The sensors went stale: the watchdog sent the safe action.</summary>
    Watchdog,

    /// <summary>The policy's output was not finite: the safe action went instead.</summary>
    BadOutput,

    /// <summary>An EStop arrived: the safe state was commanded and the loop stopped.</summary>
    EStop,

    /// <summary>The loop was stopped (Ctrl-C, or its cycle count ran out): the safe action went out first.</summary>
    Shutdown,
}

/// <summary>The words for <see cref="CycleKind"/> in telemetry logs and reports.</summary>
public static class CycleKinds
{
    private static readonly byte[][] Utf8 = [.. Enum.GetValues<CycleKind>().Select(k => System.Text.Encoding.UTF8.GetBytes(Name(k)))];

    public static string Name(CycleKind kind) => kind switch
    {
        CycleKind.Policy => "policy",
        CycleKind.Watchdog => "watchdog",
        CycleKind.BadOutput => "bad_output",
        CycleKind.EStop => "estop",
        CycleKind.Shutdown => "shutdown",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ReadOnlySpan<byte> NameUtf8(CycleKind kind) => Utf8[(int)kind];

    public static bool TryParse(ReadOnlySpan<byte> word, out CycleKind kind)
    {
        for (int i = 0; i < Utf8.Length; i++)
        {
            if (word.SequenceEqual(Utf8[i]))
            {
                kind = (CycleKind)i;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
