namespace RobotPolicy.Bundle;

/// <summary>
/// How a policy was trained (metadata field `training`, optional: bundles written before it existed stay valid).
/// Unlike the free-form <see cref="Provenance"/>, every field here is checked, so tools can rely on it when they
/// compare deployed policies (which method, which domain, which seed, how much experience).
/// </summary>
public sealed class TrainingRecord
{
    /// <summary>One of <see cref="TrainingMethods"/>.</summary>
    public string? Method { get; set; }

    /// <summary>The training domain's command-line name (tigerdoor, point-mass, ...).</summary>
    public string? Domain { get; set; }

    /// <summary>The run's random seed.</summary>
    public long? Seed { get; set; }

    /// <summary>Environment steps the run took (an imitation student: its own collection steps, not its teacher's).</summary>
    public long? EnvironmentSteps { get; set; }
}

/// <summary>The training methods a bundle's `training.method` may name.</summary>
public static class TrainingMethods
{
    /// <summary>A privileged teacher trained by PPO.</summary>
    public const string Teacher = "teacher";

    /// <summary>A student trained by PPO on its own observations.</summary>
    public const string StudentRl = "student-rl";

    /// <summary>The aligned method's student: its encoder, L2-normalized, into the head shared with the teacher.</summary>
    public const string Aligned = "aligned";

    /// <summary>The SITT-style baseline's student (same layout as the aligned one).</summary>
    public const string Sitt = "sitt";

    /// <summary>A student distilled from a teacher by DAgger.</summary>
    public const string Dagger = "dagger";

    /// <summary>A student distilled from a teacher by behaviour cloning.</summary>
    public const string Bc = "bc";

    public static readonly string[] All = [Teacher, StudentRl, Aligned, Sitt, Dagger, Bc];
}
