using System.Text;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>results.md: one table per domain, main methods then ablations, and the runs without results.</summary>
internal static class ResultsMarkdown
{
    public static string Write(ExperimentResults results)
    {
        var md = new StringBuilder();
        md.Append("# Experiment: ").Append(results.Suite).Append(" suite, ").Append(results.Seeds).Append(results.Seeds == 1 ? " seed\n\n" : " seeds\n\n");
        md.Append("```sh\n").Append(results.Command).Append("\n```\n\n");
        md.Append(ResultsText.IntervalNote).Append("\n\n");
        foreach (var domain in results.Domains)
        {
            md.Append("## ").Append(domain.Domain).Append("\n\n");
            md.Append("References: ").Append(ResultsText.References(domain)).Append(".\n\n");
            md.Append("| method | ").Append(string.Join(" | ", ResultsText.Columns)).Append(" |\n");
            md.Append("|---|").Append(string.Concat(ResultsText.Columns.Select(_ => "---|"))).Append('\n');
            foreach (var m in domain.Methods.Where(m => m.AblationOf is null).Concat(domain.Methods.Where(m => m.AblationOf is not null)))
            {
                string label = m.AblationOf is null ? m.Label : $"ablation: {m.Label}";
                md.Append("| ").Append(label).Append(" | ").Append(string.Join(" | ", ResultsText.Cells(m))).Append(" |\n");
            }
            md.Append('\n');
        }
        if (results.Problems.Count > 0)
        {
            md.Append("## Runs without results\n\n| run | state | why | log |\n|---|---|---|---|\n");
            foreach (var p in results.Problems)
            {
                md.Append("| ").Append(p.Run).Append(" | ").Append(p.State).Append(" | ").Append(p.Reason).Append(" | ").Append(p.Log).Append(" |\n");
            }
        }
        return md.ToString();
    }
}
