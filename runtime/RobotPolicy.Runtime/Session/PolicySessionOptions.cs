namespace RobotPolicy.Runtime.Session;

public sealed class PolicySessionOptions
{
    /// <summary>cpu (default), cuda or tensorrt.</summary>
    public string Provider { get; init; } = ExecutionProviders.Cpu;

    /// <summary>Provider to use when <see cref="Provider"/> is unavailable; null = fail with a clear error instead.</summary>
    public string? Fallback { get; init; }

    /// <summary>
    /// Run a bundle whose model no longer matches its weights hash (edited outside the toolkit on purpose) instead
    /// of refusing it; <see cref="PolicySession.IntegrityWarning"/> then says so.
    /// </summary>
    public bool AllowModifiedBundle { get; init; }

    /// <summary>
    /// With the cuda provider: run the policy as a captured CUDA graph, its input and output bound in GPU memory
    /// (fewer kernel launches per step). Refused with any other provider.
    /// </summary>
    public bool CudaGraph { get; init; }

    /// <summary>GPU ordinal for cuda and tensorrt.</summary>
    public int DeviceId { get; init; }

    /// <summary>One intra-op thread: a single small policy step gains nothing from more, and loses jitter.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Spinning threads burn a core between steps; off by default for onboard computers.</summary>
    public bool AllowSpinning { get; init; }
}
