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

    public static void Run(PpoTrainer trainer, string domain, AlignedImitationConfig config)
    {
        var imitation = new AlignedImitation(trainer, DomainRegistry.Create(domain, config.NumEnvs), config, trainer.Seed + 31_337);
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{domain} aligned student: {config.Method} imitation", maxValue: config.Iterations);
                while (imitation.IterationsDone < config.Iterations)
                {
                    var (loss, teacherDrove) = imitation.Iterate();
                    Log.Info("aligned imitation round {Round}: loss {Loss}, {Driver} drove", imitation.IterationsDone, loss, teacherDrove ? "teacher" : "student");
                    task.Description = $"{domain} aligned student: {config.Method} imitation | loss {loss.ToString("0.0000", inv)}";
                    task.Value = imitation.IterationsDone;
                }
            });
    }
}
