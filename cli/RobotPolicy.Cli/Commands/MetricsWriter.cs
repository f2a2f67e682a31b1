using System.Globalization;
using System.Text.Json;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// Appends one row per PPO update to metrics.csv and metrics.jsonl. On resume it first drops rows past the
/// checkpoint, so a run killed between checkpoints does not list the re-run updates twice.
/// </summary>
internal sealed class MetricsWriter
{
    private static readonly string[] Columns =
    [
        "update", "env_steps", "episodes", "mean_return", "mean_length", "recent_return", "entropy", "approx_kl",
        "clip_fraction", "policy_loss", "value_loss", "learning_rate", "epochs", "steps_per_second", "wall_seconds", "alignment_loss",
        "mutual_information", "action_disagreement",
    ];

    private readonly string _csv;
    private readonly string _jsonl;

    public MetricsWriter(string directory, int keepUpdatesUpTo)
    {
        _csv = Path.Combine(directory, "metrics.csv");
        _jsonl = Path.Combine(directory, "metrics.jsonl");
        Truncate(_csv, keepUpdatesUpTo, header: true);
        Truncate(_jsonl, keepUpdatesUpTo, header: false);
        if (!File.Exists(_csv))
        {
            File.WriteAllText(_csv, string.Join(',', Columns) + "\n");
        }
    }

    public void Append(UpdateMetrics m)
    {
        var inv = CultureInfo.InvariantCulture;
        object[] values =
        [
            m.Update, m.EnvSteps, m.EpisodesFinished, m.MeanEpisodeReturn, m.MeanEpisodeLength, m.RecentReturn, m.Entropy,
            m.ApproxKl, m.ClipFraction, m.PolicyLoss, m.ValueLoss, m.LearningRate, m.EpochsRun, m.StepsPerSecond, m.WallSeconds, m.AlignmentLoss,
            m.MutualInformation, m.ActionDisagreement,
        ];
        File.AppendAllText(_csv, string.Join(',', values.Select(v => Convert.ToString(v, inv))) + "\n");
        var row = new Dictionary<string, double>();
        for (int i = 0; i < Columns.Length; i++)
        {
            double d = Convert.ToDouble(values[i], inv);
            row[Columns[i]] = double.IsFinite(d) ? d : 0;
        }
        File.AppendAllText(_jsonl, JsonSerializer.Serialize(row, CliJsonContext.Default.DictionaryStringDouble) + "\n");
    }

    private static void Truncate(string path, int keepUpTo, bool header)
    {
        if (!File.Exists(path))
        {
            return;
        }
        var lines = File.ReadAllLines(path);
        var kept = lines.Where((line, i) => (header && i == 0) || UpdateOf(line) is int u && u <= keepUpTo);
        Checkpoint.IO.AtomicFile.WriteAllText(path, string.Concat(kept.Select(l => l + "\n")));
    }

    private static int? UpdateOf(string line)
    {
        string first = line.StartsWith('{') ? line.Split(':', 2).ElementAtOrDefault(1)?.Split(',')[0] ?? "" : line.Split(',')[0];
        return int.TryParse(first.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int u) ? u : null;
    }
}
