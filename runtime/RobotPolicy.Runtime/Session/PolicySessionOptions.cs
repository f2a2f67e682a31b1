namespace RobotPolicy.Runtime.Session;

public sealed class PolicySessionOptions
{
    /// <summary>cpu (default), cuda or tensorrt.</summary>
    public string Provider { get; init; } = ExecutionProviders.Cpu;

    /// <summary>Provider to use when <see cref="Provider"/> is unavailable; null = fail with a clear error instead.</summary>
    public string? Fallback { get; init; }

    /// <summary>Folder holding GPU provider libraries (libonnxruntime_providers_cuda.so, ...); null = beside the executable.</summary>
    public string? ProviderLibraryDirectory { get; init; }

    /// <summary>GPU ordinal for cuda and tensorrt.</summary>
    public int DeviceId { get; init; }

    /// <summary>One intra-op thread: a single small policy step gains nothing from more, and loses jitter.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Spinning threads burn a core between steps; off by default for onboard computers.</summary>
    public bool AllowSpinning { get; init; }
}
