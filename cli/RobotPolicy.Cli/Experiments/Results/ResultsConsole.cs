using Spectre.Console;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>The results table on the console: one Spectre table, a section per domain, methods by their short names.</summary>
internal static class ResultsConsole
{
    public static void Write(ExperimentResults results)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("method");
        foreach (string column in ResultsText.ShortColumns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (var domain in results.Domains)
        {
            table.AddRow(new Markup($"[bold]{Markup.Escape(domain.Domain)}[/]"));
            foreach (var m in domain.Methods)
            {
                string name = m.AblationOf is null ? m.Method : $"{m.Method} (ablation)";
                table.AddRow([Markup.Escape(name), .. ResultsText.Cells(m).Select(Markup.Escape)]);
            }
        }
        AnsiConsole.Write(table);
    }
}
