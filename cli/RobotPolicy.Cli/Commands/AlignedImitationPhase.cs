using System.Globalization;
using NLog;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>Runs the aligned method's closing imitation phase with a progress bar and a log line per round.</summary>
internal static class AlignedImitationPhase
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    /// <summary>Runs the rounds, keeps the best student (see <see cref="AlignedImitation"/>), and returns the
    /// environment steps the phase took and the round whose student was kept (0: the one PPO left).</summary>
    public static (long EnvSteps, int KeptRound) Run(PpoTrainer trainer, string domain, AlignedImitationConfig config)
    {
        var imitation = new AlignedImitation(trainer, n => DomainRegistry.Create(domain, n), config, trainer.Seed + 31_337);
        var inv = CultureInfo.InvariantCulture;
        Output.CliProgress.Run(
            live => live.Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()),
            board =>
            {
                var task = board.Add($"{domain} aligned student: {config.Method} imitation", maxValue: config.Iterations);
                while (imitation.IterationsDone < config.Iterations)
                {
                    var (loss, teacherDrove, starting) = imitation.Iterate();
                    Log.Info("aligned imitation round {Round}: the student it started from scored {Starting} on the states it reached from the scoring starts; fitting loss {Loss}, {Driver} drove",
                        imitation.IterationsDone, starting, loss, teacherDrove ? "teacher" : "student");
                    task.Description = $"{domain} aligned student: {config.Method} imitation | loss {loss.ToString("0.0000", inv)}";
                    task.Value = imitation.IterationsDone;
                }
            });
        var (bestLoss, round) = imitation.Finish();
        Log.Info("aligned imitation: kept the student {Which} (loss on the states it reached from the scoring starts: {Loss}), {Steps} env steps",
            round == 0 ? "PPO left" : $"after round {round}", bestLoss, imitation.EnvSteps);
        return (imitation.EnvSteps, round);
    }
}
