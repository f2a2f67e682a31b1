using System.Globalization;
using System.Xml.Linq;
using RobotPolicy.Cli.Experiments.Results;
using static RobotPolicy.Cli.Experiments.Report.Html;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG; no scripts, fonts or anything else fetched from
/// anywhere) with the command, the results tables, the learning curves and the ablations.
/// </summary>
internal static class HtmlReport
{
    // No '<', '>' or '&' in here: the XML writer would escape them, and a browser does not unescape <style> text.
    private const string Style = """
        body { font-family: system-ui, sans-serif; color: #222; max-width: 62em; margin: 2em auto; padding: 0 1em; line-height: 1.4 }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em }
        th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap }
        th:first-child, td:first-child { text-align: left; white-space: normal }
        pre { background: #f4f4f4; padding: 0.6em; white-space: pre-wrap; word-break: break-all }
        code, pre { font-family: ui-monospace, monospace }
        .swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 0.2em; vertical-align: baseline }
        .note { color: #555; font-size: 0.9em }
        .problem { color: #a00 }
        figure { margin: 1em 0 2em }
        svg { max-width: 100%; height: auto }
        svg text { font-family: system-ui, sans-serif; font-size: 11px; fill: #333 }
        svg text.chart-title { font-size: 13px; font-weight: 600 }
        """;

    public static string Write(ExperimentResults results, ReportCurves curves)
    {
        string title = $"Experiment: {results.Suite} suite, {results.Seeds} seed{(results.Seeds == 1 ? "" : "s")}";
        var body = El("body",
            El("h1", title),
            El("p", "Produced by:"),
            El("pre", El("code", results.Command)),
            El("p", Class("note"), Summary(results)),
            Problems(results),
            El("h2", "Results"),
            El("p", Class("note"), ResultsText.IntervalNote),
            results.Domains.Select(d => new object[]
            {
                El("h3", d.Domain),
                El("p", Class("note"), "References: ", ResultsText.References(d), "."),
                ResultsHtmlTable.Of(d.Methods.Where(m => m.AblationOf is null)),
            }),
            El("h2", "Learning curves"),
            El("p", Class("note"),
                "Return of the acting policy's recent training episodes (the teacher for teacher and aligned runs, the student for student RL) " +
                "against environment steps: the mean over seeds, with its 95% confidence interval as a band (none with one seed; cut at the frame). " +
                "Dots right of each plot (final student): every method's final evaluated student return, with its interval as a bar; BC and DAgger log no curve. " +
                "Dashed: the domain's reference returns."),
            results.Domains.Select(d => Figure(CurveCharts.For(d, d.Methods.Where(m => m.AblationOf is null), curves, d.Domain).ToSvg())),
            El("h2", "Students against environment steps"),
            El("p", Class("note"),
                "Every method's student, evaluated deterministically during its run from the same starts each time (student-curve.csv: a training run's " +
                $"evaluations, {Commands.Curves.StudentEvaluations.DefaultPoints} of {Commands.Curves.StudentEvaluations.DefaultEpisodes} episodes by default, an imitation run's after every round, and each run's final evaluation), against the environment steps it had cost by then, the runs it builds on included: BC and DAgger start " +
                "where their teacher's training ended, DAgger + PPO where DAgger ended. The mean over seeds with its 95% interval. The teacher has no student."),
            results.Domains.Select(d => Figure(CurveCharts.ForStudents(d, d.Methods.Where(m => m.AblationOf is null), curves, $"{d.Domain}: students").ToSvg())),
            El("h2", "Ablations"),
            Ablations(results, curves));
        var html = El("html", new XAttribute("lang", "en"),
            El("head", El("meta", new XAttribute("charset", "utf-8")), El("title", title), El("style", Style)),
            body);
        return Html.Write(html);
    }

    private static string Summary(ExperimentResults r)
    {
        var inv = CultureInfo.InvariantCulture;
        return $"{r.RunsWithResults} of {r.RunsPlanned} runs have results; this invocation took {r.WallSeconds.ToString("0", inv)} s " +
            $"with up to {r.Jobs} runs in parallel; generated {r.GeneratedUtc.ToString("yyyy-MM-dd HH:mm", inv)} UTC.";
    }

    private static XElement? Problems(ExperimentResults r) => r.Problems.Count == 0 ? null :
        El("section",
            El("h2", Class("problem"), "Runs without results"),
            El("table",
                El("thead", El("tr", El("th", "run"), El("th", "state"), El("th", "why"), El("th", "log"))),
                El("tbody", r.Problems.Select(p => El("tr", El("td", p.Run), El("td", p.State), El("td", p.Reason), El("td", El("code", p.Log)))))));

    // Each ablation beside the method it ablates, in a table and a chart of their own per domain.
    private static IEnumerable<XElement> Ablations(ExperimentResults results, ReportCurves curves)
    {
        if (!results.Domains.SelectMany(d => d.Methods).Any(m => m.AblationOf is not null))
        {
            yield return El("p", Class("note"), "This suite runs no ablations (the full suite runs them all).");
            yield break;
        }
        foreach (var d in results.Domains)
        {
            var ablated = d.Methods.Where(m => m.AblationOf is not null).Select(m => m.AblationOf).ToHashSet();
            var rows = d.Methods.Where(m => ablated.Contains(m.Method) || m.AblationOf is not null).ToArray();
            yield return El("h3", d.Domain);
            yield return ResultsHtmlTable.Of(rows);
            yield return Figure(CurveCharts.For(d, rows, curves, $"{d.Domain}: ablations").ToSvg());
        }
    }

    private static XElement Figure(XElement svg) => El("figure", svg);
}
