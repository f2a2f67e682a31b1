namespace RobotPolicy.Cli.Commands;

/// <summary>
/// The last measurement of the trainer's hand-written tensor engine, which TorchSharp replaced: kept so `bench train`
/// shows the choice beside its predecessor (the engine's code is gone; git history has it).
/// </summary>
internal static class EarlierEngine
{
    public const double SecondsPerUpdate = 0.308;

    public const string Info = "308 ms, measured with `robotpolicy bench train` at commit 2b7af98 on 2026-12-02, 2-core AMD EPYC VM, Debian 12, 2 threads, idle";
}
