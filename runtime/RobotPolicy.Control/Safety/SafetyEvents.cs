namespace RobotPolicy.Control.Safety;

/// <summary>What the safety layer did to a cycle's targets (recorded in telemetry, counted in summaries).</summary>
[Flags]
public enum SafetyEvents : byte
{
    None = 0,

    /// <summary>The soft start scaled the targets towards the default pose.</summary>
    SoftStart = 1,

    /// <summary>The rate limit held a target back.</summary>
    RateLimited = 2,

    /// <summary>A target was outside the clip range.</summary>
    Clipped = 4,
}
