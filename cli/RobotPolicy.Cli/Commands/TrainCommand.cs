using System.CommandLine;
using System.Diagnostics;
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

/// <summary>What a finished training run reports (summary.json).</summary>
internal sealed record TrainSummary(
    string Domain, string Agent, int Seed, long EnvSteps, int Updates, double WallSeconds, double EvalReturn, int EvalEpisodes,
    double BestTeacher, double BestStudent, double? CopyTeacher, string PolicyModel, string Checkpoint,
    double? StudentReturn = null, double? ImitationGap = null, double? StudentReturnBeforeImitation = null, string? Imitation = null,
    long? ImitationEnvSteps = null, int? ImitationKeptRound = null);

/// <summary>
/// `robotpolicy train`: PPO on a domain, with a progress bar, per-update metrics (CSV and JSONL), checkpoints every
/// K updates (atomic), Ctrl-C that saves and exits, --resume, and at the end an evaluation and the policy written
/// in the exporter's input format.
/// </summary>
internal static class TrainCommand
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var domain = new Option<string?>("--domain") { Description = $"domain: {string.Join(", ", DomainRegistry.Names)}" };
        var agent = new Option<string>("--agent") { Description = "teacher (privileged observation), student-rl (own observations, history), aligned (teacher on an embedding aligned with the student's), or sitt (the SITT-style baseline)", DefaultValueFactory = _ => AgentNames.Teacher };
        var alignment = new AlignmentOptions();
        var initFrom = new Option<string?>("--init-from") { Description = "student-rl: start from this policy (a run folder, e.g. an imitate --out, or its model.json): the DAgger + PPO fine-tuning baseline" };
        var steps = new Option<long>("--steps") { Description = "environment steps in total (an aligned run's closing imitation phase included)", DefaultValueFactory = _ => 200_000 };
        steps.InRange(1L, 1_000_000_000_000L);
        var seed = new Option<int>("--seed") { Description = "random seed (same seed, same curve)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "run folder: checkpoint, metrics, policy", Required = true };
        var numEnvs = new Option<int>("--num-envs") { Description = "parallel environments", DefaultValueFactory = _ => 64 };
        numEnvs.InRange(1, 65_536);
        var rollout = new Option<int>("--rollout-steps") { Description = "steps per env per update", DefaultValueFactory = _ => 64 };
        rollout.InRange(1, 1_000_000);
        var lr = new Option<double>("--lr") { Description = "Adam learning rate (the starting point of the adaptive schedule)", DefaultValueFactory = _ => 1e-3 };
        lr.InRange(1e-12, 1.0);
        var schedule = new Option<string>("--lr-schedule") { Description = $"learning rate schedule: {string.Join(", ", LearningRateSchedules.All)}", DefaultValueFactory = _ => LearningRateSchedules.Adaptive };
        var hidden = new Option<string>("--hidden") { Description = "hidden layer sizes, comma separated", DefaultValueFactory = _ => "64,64" };
        var history = new Option<int>("--history") { Description = "student frames stacked into the student's input", DefaultValueFactory = _ => 4 };
        history.InRange(1, 1024);
        var encoder = new Option<string>("--student-encoder") { Description = $"how a student remembers: {string.Join(" or ", StudentEncoders.All)} (stacked frames or a GRU)", DefaultValueFactory = _ => StudentEncoders.History };
        var gruHidden = new Option<int>("--gru-hidden") { Description = "GRU student state size", DefaultValueFactory = _ => 64 };
        gruHidden.InRange(1, 65_536);
        var sequence = new Option<int>("--sequence-length") { Description = "GRU student BPTT sequence length (divides --rollout-steps)", DefaultValueFactory = _ => 16 };
        sequence.InRange(1, 1_000_000);
        var freezeNormalizers = new Option<long?>("--freeze-normalizers-after") { Description = "stop updating the observation normalizers after this many env steps (default: never)" };
        freezeNormalizers.InRange(0L, 1_000_000_000_000L);
        var entropy = new Option<float?>("--entropy") { Description = "entropy bonus coefficient (default 0.01 for discrete actions, 0 for continuous)" };
        var epochs = new Option<int>("--epochs") { Description = "passes over each rollout", DefaultValueFactory = _ => 5 };
        epochs.InRange(1, 1000);
        var minibatches = new Option<int>("--minibatches") { Description = "minibatches per pass", DefaultValueFactory = _ => 8 };
        minibatches.InRange(1, 65_536);
        var gamma = new Option<float>("--gamma") { Description = "discount factor", DefaultValueFactory = _ => 0.99f };
        gamma.InRange(0f, 1f);
        var noRewardScaling = new Option<bool>("--no-reward-scaling") { Description = "use raw rewards (default: divide by the running std of discounted returns)" };
        var every = new Option<int>("--checkpoint-every") { Description = "updates between checkpoints", DefaultValueFactory = _ => 10 };
        every.InRange(1, 1_000_000);
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "episodes of the final deterministic evaluation", DefaultValueFactory = _ => 200 };
        evalEpisodes.InRange(1, 1_000_000);
        var studentEvals = new Option<int>("--student-evals") { Description = "evaluations of the student during training, for its learning curve (student-curve.csv; 0 = none)", DefaultValueFactory = _ => Curves.StudentEvaluations.DefaultPoints };
        studentEvals.InRange(0, 100_000);
        var studentEvalEpisodes = new Option<int>("--student-eval-episodes") { Description = "episodes of each of those evaluations", DefaultValueFactory = _ => Curves.StudentEvaluations.DefaultEpisodes };
        studentEvalEpisodes.InRange(1, 1_000_000);
        var resume = new Option<bool>("--resume") { Description = "continue the run in --out from its last checkpoint" };
        var force = new Option<bool>("--force") { Description = "start over even if --out holds a checkpoint" };
        var torchOptions = new TorchOptions();
        var command = new Command("train", "Train a teacher or an RL student with PPO on a domain")
        {
            domain, agent, steps, seed, output, numEnvs, rollout, lr, schedule, hidden, history, encoder, gruHidden, sequence, entropy, freezeNormalizers, epochs, minibatches, gamma,
            noRewardScaling, every, evalEpisodes, studentEvals, studentEvalEpisodes, resume, force, initFrom,
        };
        torchOptions.AddTo(command);
        alignment.AddTo(command);
        command.SetAction(parse => CommandGuard.Run("train", () =>
        {
            string dir = Path.GetFullPath(parse.GetRequiredValue(output));
            torchOptions.Apply(parse);
            TrainingState? resumed = null;
            if (parse.GetValue(resume))
            {
                resumed = TrainingCheckpoint.ReadState(dir);
                if (parse.GetValue(domain) is { } d && d != resumed.Domain)
                {
                    throw new CliUsageException($"--domain {d} does not match the checkpoint in {dir} (domain {resumed.Domain})");
                }
            }
            else if (File.Exists(Path.Combine(dir, TrainingCheckpoint.FileName)) && !parse.GetValue(force))
            {
                throw new CliUsageException($"{dir} already holds a training checkpoint; pass --resume to continue it or --force to start over");
            }

            string domainName = resumed?.Domain ?? parse.GetValue(domain) ?? throw new CliUsageException($"--domain is required (one of {string.Join(", ", DomainRegistry.Names)})");
            var agentKind = Parse(() => AgentNames.Parse(resumed?.Agent ?? parse.GetValue(agent)!));
            var config = resumed?.Config ?? new PpoConfig
            {
                NumEnvs = parse.GetValue(numEnvs),
                RolloutSteps = parse.GetValue(rollout),
                LearningRate = parse.GetValue(lr),
                LearningRateSchedule = parse.GetValue(schedule)!,
                Hidden = Parse(() => parse.GetValue(hidden)!.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray()),
                StudentHistory = parse.GetValue(history),
                StudentEncoder = parse.GetValue(encoder)!,
                GruHidden = parse.GetValue(gruHidden),
                SequenceLength = parse.GetValue(sequence),
                Epochs = parse.GetValue(epochs),
                Minibatches = parse.GetValue(minibatches),
                Gamma = parse.GetValue(gamma),
                ScaleRewards = !parse.GetValue(noRewardScaling),
                Alignment = parse.GetValue(agent) switch
                {
                    AgentNames.Aligned => alignment.Read(parse),
                    // SITT has no gradient masking: its teacher encoder learns from RL like any teacher's.
                    // Nor does it have head consistency (its own L1 action alignment trains the head).
                    AgentNames.Sitt => alignment.Read(parse) with { Style = AlignmentStyles.Sitt, RlGradientIntoTeacherEncoder = 1f, HeadConsistency = 0f },
                    _ => null,
                },
                Loss = new PpoLossSettings { EntropyCoefficient = parse.GetValue(entropy) },
                FreezeNormalizersAfterSteps = parse.GetValue(freezeNormalizers) is long freezeAt and > 0 ? freezeAt : null,
            };
            Parse(config.Validate);
            int runSeed = resumed?.Seed ?? parse.GetValue(seed);
            long totalSteps = Math.Max(parse.GetValue(steps), config.BatchSize);
            var env = Parse(() => DomainRegistry.Create(domainName, config.NumEnvs));
            var trainer = new PpoTrainer(env, agentKind, config, runSeed);
            if (resumed is null && parse.GetValue(initFrom) is { } from)
            {
                string model = Parse(() => PolicyWarmStart.Resolve(from));
                Parse(() => { PolicyWarmStart.Load(model, trainer); return 0; });
                Log.Info("student starts from the policy {Model}", model);
                AnsiConsole.MarkupLine($"starting from the policy {Markup.Escape(model)}");
            }
            if (resumed is not null)
            {
                bool reseeded = TrainingCheckpoint.Restore(dir, trainer);
                AnsiConsole.MarkupLine($"resuming {Markup.Escape(dir)} at update {trainer.UpdatesDone} ({trainer.EnvSteps:N0} env steps)");
                if (reseeded)
                {
                    const string note = "the checkpoint predates the trainer on libtorch (schema < 3): weights, Adam moments and normalizers resume; random draws go on from a generator seeded from the run's seed and update count";
                    Log.Warn(note);
                    AnsiConsole.MarkupLine($"[yellow]note[/]: {Markup.Escape(note)}");
                }
            }
            // A resumed run finishes with the imitation phase it started with (its checkpoint keeps it).
            AlignedImitationConfig? imitation = trainer.Config.Alignment is null ? null
                : resumed?.Imitation is { } saved ? (saved.Method == ImitationMethods.None ? null : saved)
                : Parse(() => alignment.ReadImitation(parse, AgentNames.Of(trainer), config.NumEnvs));
            // --steps is the whole run's budget: the closing imitation phase's steps come out of PPO's, so an aligned
            // run costs what any other run of the same --steps costs.
            long phase = imitation?.EnvSteps(env.Horizon) ?? 0;
            long ppoSteps = Math.Max(totalSteps - phase, config.BatchSize);
            if (phase > 0 && totalSteps - phase < config.BatchSize)
            {
                string warning = $"--steps {totalSteps:N0} cannot hold the imitation phase ({phase:N0} steps) and one PPO update ({config.BatchSize:N0}): the run takes {ppoSteps + phase:N0}";
                Log.Warn(warning);
                CliWarnings.Write(warning);
            }
            var curve = new CurveSettings(parse.GetValue(studentEvals), parse.GetValue(studentEvalEpisodes));
            return Run(dir, domainName, trainer, ppoSteps, parse.GetValue(every), parse.GetValue(evalEpisodes), imitation, curve);
        }));
        return command;
    }

    /// <summary>The student's learning curve: this many evaluations over the run, of this many episodes each.</summary>
    private sealed record CurveSettings(int Points, int Episodes);

    private static int Run(string dir, string domain, PpoTrainer trainer, long ppoSteps, int checkpointEvery, int evalEpisodes, AlignedImitationConfig? imitation, CurveSettings curve)
    {
        Directory.CreateDirectory(dir);
        int totalUpdates = (int)Math.Ceiling((double)ppoSteps / trainer.Config.BatchSize);
        var metrics = new MetricsWriter(dir, trainer.UpdatesDone);
        using var evaluations = Curves.StudentEvaluations.For(trainer, domain, dir, totalUpdates, curve.Points, curve.Episodes);
        Log.Info("train {Domain} {Agent} seed {Seed}: {Updates} updates of {Batch} steps into {Dir}",
            domain, AgentNames.Of(trainer), trainer.Seed, totalUpdates, trainer.Config.BatchSize, dir);

        // First Ctrl-C: finish the update, save, exit.
        var stop = new FirstCtrlC();
        var clock = Stopwatch.StartNew();
        double recent = double.NaN;
        try
        {
            Output.CliProgress.Run(
                live => live.AutoRefresh(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()),
                board =>
                {
                    var task = board.Add(Describe(domain, trainer, null), maxValue: totalUpdates);
                    task.Value = trainer.UpdatesDone;
                    while (trainer.UpdatesDone < totalUpdates && !stop.Requested)
                    {
                        var m = trainer.Update(totalUpdates);
                        metrics.Append(m);
                        evaluations?.AfterUpdate(totalUpdates);
                        if (double.IsFinite(m.RecentReturn))
                        {
                            recent = m.RecentReturn;
                        }
                        task.Description = Describe(domain, trainer, m);
                        task.Value = trainer.UpdatesDone;
                        board.Refresh();
                        if (trainer.UpdatesDone % checkpointEvery == 0)
                        {
                            TrainingCheckpoint.Save(dir, trainer, domain, ppoSteps, recent, BuildInfo.GitRevision, imitation);
                            Log.Info("checkpoint at update {Update}, {Steps} env steps, recent return {Return}", trainer.UpdatesDone, trainer.EnvSteps, recent);
                        }
                    }
                });
        }
        finally
        {
            stop.Dispose();
        }

        TrainingCheckpoint.Save(dir, trainer, domain, ppoSteps, recent, BuildInfo.GitRevision, imitation);
        if (stop.Requested)
        {
            Log.Info("interrupted at update {Update}; checkpoint saved", trainer.UpdatesDone);
            AnsiConsole.MarkupLine($"[yellow]interrupted[/]: checkpoint saved at update {trainer.UpdatesDone}; continue with `robotpolicy train --resume --out {Markup.Escape(dir)}`");
            return 130;
        }

        var evalEnv = DomainRegistry.Create(domain, Math.Min(64, evalEpisodes));
        double evalReturn = trainer.Evaluate(evalEnv, evalEpisodes, seed: trainer.Seed + 100_003);
        bool aligned = trainer.Config.Alignment is not null;
        double? StudentReturn() => aligned
            ? trainer.EvaluateStudent(DomainRegistry.Create(domain, Math.Min(64, evalEpisodes)), evalEpisodes, trainer.Seed + 100_003)
            : null;
        double? studentReturn = StudentReturn();
        double? beforeImitation = null;
        (long EnvSteps, int KeptRound)? imitated = null;
        if (imitation is not null)
        {
            beforeImitation = studentReturn;
            imitated = AlignedImitationPhase.Run(trainer, domain, imitation);
            TrainingCheckpoint.Save(dir, trainer, domain, ppoSteps, recent, BuildInfo.GitRevision, imitation);
            studentReturn = StudentReturn();
        }
        // The final evaluation ends the curve at the run's last step, after the imitation phase where there is one.
        if (evaluations is not null)
        {
            double final = studentReturn ?? evalReturn;
            evaluations.Add(trainer.EnvSteps + (imitated?.EnvSteps ?? 0), final, evalEpisodes, imitated is null ? "final" : "imitation");
        }
        // Bundles carry no recurrent state (h_in/h_out), so GRU students stay checkpoints for now. An aligned run
        // writes its student (the policy it deploys), not its teacher.
        bool exportable = !trainer.IsRecurrent;
        string policy = exportable ? PolicyExport.Write(Path.Combine(dir, "policy"), trainer, domain, 0.02, BuildInfo.GitRevision, imitated?.EnvSteps ?? 0) : "";
        var reference = trainer.Env.Reference;
        // env_steps counts everything the student cost: PPO's steps and the imitation phase's.
        var summary = new TrainSummary(domain, AgentNames.Of(trainer), trainer.Seed, trainer.EnvSteps + (imitated?.EnvSteps ?? 0), trainer.UpdatesDone,
            clock.Elapsed.TotalSeconds, evalReturn, evalEpisodes, reference.BestTeacher, reference.BestStudent, reference.CopyTeacher,
            policy, Path.Combine(dir, TrainingCheckpoint.FileName), studentReturn, studentReturn is double sr ? evalReturn - sr : null,
            beforeImitation, imitation?.Method, imitated?.EnvSteps, imitated?.KeptRound);
        AtomicFile.WriteAllText(Path.Combine(dir, "summary.json"), CliJson.Serialize(summary));
        Log.Info("trained {Domain} {Agent}: eval return {Return} over {Episodes} episodes", domain, summary.Agent, evalReturn, evalEpisodes);

        var inv = CultureInfo.InvariantCulture;
        var best = trainer.Agent == AgentKind.Teacher ? reference.BestTeacher : reference.BestStudent;
        AnsiConsole.MarkupLine($"[green]done[/]: {domain} {summary.Agent}, {summary.EnvSteps:N0} env steps in {clock.Elapsed.TotalSeconds.ToString("0.0", inv)} s");
        AnsiConsole.MarkupLine($"  evaluation ({evalEpisodes} episodes, deterministic): return {evalReturn.ToString("0.###", inv)}; documented best for this agent {best.ToString("0.###", inv)}");
        if (studentReturn is double s)
        {
            string how = beforeImitation is double b
                ? $"after {imitation!.Iterations} {imitation.Method} rounds of imitation, keeping {(imitated!.Value.KeptRound == 0 ? "the student PPO left" : $"round {imitated.Value.KeptRound}'s")} (before: {b.ToString("0.###", inv)})"
                : "no imitation";
            AnsiConsole.MarkupLine($"  {AgentNames.Of(trainer)} student (head on its own embedding, {how}): return {s.ToString("0.###", inv)}; imitation gap {(evalReturn - s).ToString("0.###", inv)}; best student {reference.BestStudent.ToString("0.###", inv)}");
        }
        AnsiConsole.MarkupLine(exportable
            ? $"  {(aligned ? "student " : "")}policy for `robotpolicy export`: {Markup.Escape(policy)}"
            : "  GRU student not written for export yet (bundles have no recurrent state); the checkpoint holds it");
        return 0;
    }

    private static string Describe(string domain, PpoTrainer t, UpdateMetrics? m)
    {
        var inv = CultureInfo.InvariantCulture;
        string head = $"{domain} {AgentNames.Of(t)} update {t.UpdatesDone}";
        return m is null ? head
            : $"{head} | return {(double.IsFinite(m.RecentReturn) ? m.RecentReturn.ToString("0.00", inv) : "-")} | entropy {m.Entropy.ToString("0.00", inv)} | {m.StepsPerSecond.ToString("N0", inv)} steps/s";
    }

    // Turns the argument errors of configuration and domain lookup into one-line usage errors.
    private static T Parse<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static void Parse(Action f) => Parse(() => { f(); return 0; });
}
