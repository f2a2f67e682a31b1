using System.CommandLine;
using System.Globalization;
using NLog;
using RobotPolicy.Checkpoint;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;
using Spectre.Console;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>What an imitation run reports (imitation.json).</summary>
internal sealed record ImitationSummary(
    string Domain, string Method, int Seed, string Teacher, double TeacherReturn, double StudentReturn, double ImitationGap,
    double BestStudent, double? CopyTeacher, int Iterations, int DatasetSize, float TeacherAgreement, int EvalEpisodes, string PolicyModel,
    long EnvSteps = 0, long TeacherEnvSteps = 0, double WallSeconds = 0);

/// <summary>
/// `robotpolicy imitate`: distills a trained teacher (a `train --agent teacher` run folder) into a student by
/// behaviour cloning or DAgger, reports the imitation gap (teacher return − student return), and writes the student
/// for `robotpolicy export` (DIR/policy).
/// </summary>
internal static class ImitateCommand
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var teacher = new Option<string>("--teacher") { Description = "run folder of a trained teacher (train --agent teacher --out DIR)", Required = true };
        var method = new Option<string>("--method") { Description = "dagger (student drives after the first iteration) or bc (teacher drives)", DefaultValueFactory = _ => "dagger" };
        var output = new Option<string>("--out", "-o") { Description = "folder for imitation.json and the student (policy/model.json)", Required = true };
        var iterations = new Option<int>("--iterations") { Description = "collection + training rounds", DefaultValueFactory = _ => 10 };
        iterations.InRange(1, 10_000);
        var history = new Option<int>("--history") { Description = "student frames stacked into its input", DefaultValueFactory = _ => 4 };
        history.InRange(1, 1024);
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "episodes of each final evaluation", DefaultValueFactory = _ => 200 };
        evalEpisodes.InRange(1, 1_000_000);
        var command = new Command("imitate", "Distill a privileged teacher into a student by BC or DAgger and report the imitation gap")
        {
            teacher, method, output, iterations, history, seed, evalEpisodes,
        };
        command.SetAction(parse => CommandGuard.Run("imitate", () =>
        {
            string teacherDir = Path.GetFullPath(parse.GetRequiredValue(teacher));
            string how = parse.GetValue(method)!;
            if (how is not ("dagger" or "bc"))
            {
                throw new CliUsageException($"--method '{how}' is not one of dagger, bc");
            }
            var state = TrainingCheckpoint.ReadState(teacherDir);
            if (state.Agent != AgentNames.Teacher)
            {
                throw new CliUsageException($"{teacherDir} holds a '{state.Agent}' run; imitate needs a teacher (train --agent teacher)");
            }
            var teacherTrainer = new PpoTrainer(DomainRegistry.Create(state.Domain, state.Config.NumEnvs), AgentKind.Teacher, state.Config, state.Seed);
            TrainingCheckpoint.Restore(teacherDir, teacherTrainer);

            var config = new DaggerConfig
            {
                Iterations = parse.GetValue(iterations),
                StudentHistory = parse.GetValue(history),
                Hidden = state.Config.Hidden,
                StudentDrivesCollection = how == "dagger",
            };
            int runSeed = parse.GetValue(seed);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var dagger = new DaggerTrainer(DomainRegistry.Create(state.Domain, config.NumEnvs), teacherTrainer, config, runSeed);
            string dir = Path.GetFullPath(parse.GetRequiredValue(output));
            Directory.CreateDirectory(dir);
            // The student's learning curve: one evaluation after every round, from the same starts each time.
            Curves.StudentCurveFile.Start(dir, keepUpToSteps: 0);
            var curveEnv = DomainRegistry.Create(state.Domain, Math.Min(64, Curves.StudentEvaluations.DefaultEpisodes));
            DaggerIterationMetrics? last = null;
            Output.CliProgress.Run(live => live.Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()), board =>
            {
                var task = board.Add($"{how} {state.Domain}", maxValue: config.Iterations);
                for (int i = 0; i < config.Iterations; i++)
                {
                    last = dagger.Iterate();
                    double roundReturn = dagger.Evaluate(curveEnv, Curves.StudentEvaluations.DefaultEpisodes, runSeed + Curves.StudentEvaluations.SeedOffset);
                    Curves.StudentCurveFile.Append(dir, new Curves.StudentCurvePoint(dagger.EnvSteps, roundReturn, Curves.StudentEvaluations.DefaultEpisodes, how));
                    task.Description = $"{how} {state.Domain} iteration {last.Iteration} | agreement {last.TeacherAgreement.ToString("0.00", CultureInfo.InvariantCulture)}";
                    task.Value = last.Iteration;
                }
            });

            int episodes = parse.GetValue(evalEpisodes);
            double teacherReturn = teacherTrainer.Evaluate(DomainRegistry.Create(state.Domain, Math.Min(64, episodes)), episodes, runSeed + 100_003);
            double studentReturn = dagger.Evaluate(DomainRegistry.Create(state.Domain, Math.Min(64, episodes)), episodes, runSeed + 100_003);
            Curves.StudentCurveFile.Append(dir, new Curves.StudentCurvePoint(dagger.EnvSteps, studentReturn, episodes, "final"));
            var reference = teacherTrainer.Env.Reference;
            string policy = PolicyExport.Write(Path.Combine(dir, "policy"), dagger, state.Domain, 0.02, BuildInfo.GitRevision);
            var summary = new ImitationSummary(state.Domain, how, runSeed, teacherDir, teacherReturn, studentReturn, teacherReturn - studentReturn,
                reference.BestStudent, reference.CopyTeacher, config.Iterations, last!.DatasetSize, last.TeacherAgreement, episodes, policy,
                dagger.EnvSteps, teacherTrainer.EnvSteps, clock.Elapsed.TotalSeconds);
            AtomicFile.WriteAllText(Path.Combine(dir, "imitation.json"), CliJson.Serialize(summary));
            Log.Info("imitate {Domain} {Method}: teacher {Teacher}, student {Student}, gap {Gap}", state.Domain, how, teacherReturn, studentReturn, summary.ImitationGap);

            var inv = CultureInfo.InvariantCulture;
            AnsiConsole.MarkupLine($"[green]done[/]: {state.Domain} {how}: teacher {teacherReturn.ToString("0.###", inv)}, student {studentReturn.ToString("0.###", inv)}, imitation gap {summary.ImitationGap.ToString("0.###", inv)}");
            AnsiConsole.MarkupLine($"  reference: best student {reference.BestStudent.ToString("0.###", inv)}, a student copying the teacher {reference.CopyTeacher?.ToString("0.###", inv) ?? "-"}; {Markup.Escape(Path.Combine(dir, "imitation.json"))}");
            AnsiConsole.MarkupLine($"  student policy for `robotpolicy export`: {Markup.Escape(policy)}");
            return 0;
        }));
        return command;
    }
}
