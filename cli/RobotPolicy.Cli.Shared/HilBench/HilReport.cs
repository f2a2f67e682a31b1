using System.Globalization;
using System.Xml.Linq;
using RobotPolicy.Control.Hil;

namespace RobotPolicy.Cli.HilBench;

/// <summary>
/// The `bench hil` report as one self-contained HTML page (inline CSS and SVG, no scripts, no URLs), to attach to a
/// hardware report: the goals, the percentile tables, the latency histogram against the timer floor, the percentile
/// plot and the jitter over time.
/// </summary>
internal static class HilReport
{
    // The charts fill the page's width (their text scales with them: 13 drawing units are about 17 px in a 1,400 px
    // window); prose keeps a readable line length.
    private const string Style = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}p{max-width:75em}"
        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
        + "td:first-child,th:first-child{text-align:left}.met{color:#1a7f37}.missed{color:#9a6700}.info{color:#555}"
        + ".chart-title{font-weight:600;font-size:15px}svg{font-size:13px;display:block;margin:1.5em 0;width:100%;height:auto}";

    // Colours: end to end, inside the runtime, the robot's wake-ups, the floor, cyclictest.
    private const string EndToEndColor = "#1f77b4", InternalColor = "#2ca02c", WakeColor = "#9467bd", FloorColor = "#d62728", CyclictestColor = "#ff7f0e";

    public static string Html(HilResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        string title = $"bench hil: {r.Bundle} at {r.RateHz.ToString("0", inv)} Hz over {r.Transport}";
        var body = new XElement("body",
            new XElement("h1", title),
            new XElement("p", $"{r.DurationSeconds.ToString("0", inv)} s per part; machine: {r.Machine}; background load: {r.LoadThreads} threads; real-time priority: {(r.Realtime ? "asked for" : "no")}; spin: {(r.SpinMicroseconds > 0 ? $"{r.SpinMicroseconds} µs" : "no")}; CPU: {(r.Cpu is int cpu ? $"all on {cpu}" : "any")}. "
                + "The timer floor is a bare loop sleeping to the same absolute deadlines, run first under the same conditions."
                + (r.Physics is { } physics
                    ? $" The probe robot stepped the {physics.Name} physics: its frames carried the states the policy's actions led to ({physics.Episodes:N0} episodes back to back{(physics.MeanReturn is double m ? ", mean return " + m.ToString("0.###", inv) : "")})."
                    : " The probe robot's frames carried slow sinusoids.")),
            new XElement("h2", "Goals"),
            new XElement("p", "Judged against this machine's own timer floor first; the absolute figure is for a quiet machine, as information."),
            Table(["goal", "measured", ""], r.Goals.Select(g => new object[] { g.Goal, g.Measured, Verdict(g) })),
            r.TimerNote is { } note ? new XElement("p", new XAttribute("class", "info"), note) : null,
            new XElement("h2", "Latency (µs)"),
            Table(["", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max"],
                r.Measurements().Select(p => new object[] { p.Name, p.Count.ToString("N0", inv), F(p.P50), F(p.P90), F(p.P99), F(p.P999), F(p.P9999), F(p.Max) })),
            new XElement("p", $"Frames sent {r.FramesSent:N0}; actions on time {r.ActionsOnTime:N0}, late {r.ActionsLate:N0}, missing {r.ActionsMissing:N0}; "
                + $"deadline misses: probe robot {r.RobotDeadlineMisses:N0}, bare loop {r.FloorDeadlineMisses:N0}; garbage collections during the loop {r.GarbageCollections:N0}; transport drops {r.TransportDrops:N0}; telemetry records dropped {r.TelemetryDropped:N0}."
                + (r.Cyclictest.NotRun is { } why ? $" cyclictest: {why}." : $" cyclictest: `{r.Cyclictest.Command}`.")),
            Histogram(r).ToSvg(),
            PercentilePlot(r).ToSvg(),
            Timeline(r).ToSvg());
        var html = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head", new XElement("meta", new XAttribute("charset", "utf-8")), new XElement("title", title), new XElement("style", Style)),
            body);
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Verdict(HilGoal g) => g.Absolute
        ? new XElement("span", new XAttribute("class", "info"), g.Met ? "met (for reference)" : "not met here (for reference)")
        : new XElement("span", new XAttribute("class", g.Met ? "met" : "missed"), g.Met ? "met" : "missed");

    private static string F(double v) => v.ToString(v < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static XElement Table(string[] header, IEnumerable<object[]> rows) =>
        new("table", new XElement("tr", header.Select(h => new XElement("th", h))),
            rows.Select(row => new XElement("tr", row.Select(cell => new XElement("td", cell)))));

    private static LogLogChart Histogram(HilResult r)
    {
        var chart = new LogLogChart("Latency histogram (share of samples, 20 bins per decade, log-log)", "microseconds", "share", logX: true);
        chart.Lines.Add(new ChartLine("sensor → action at the robot", EndToEndColor, Shares(r.EndToEndHistogram)));
        chart.Lines.Add(new ChartLine("timer floor (bare loop wake-up lateness)", FloorColor, Shares(r.FloorHistogram), Dashed: true));
        return chart;
    }

    /// <summary>
    /// The histogram's slots (0.1% wide: thousands of them) regrouped into 20 bins per decade, each as the share of
    /// all samples, so the plot shows the distribution's shape rather than the slot grid.
    /// </summary>
    private static List<(double, double)> Shares(IReadOnlyList<HistogramBin> bins)
    {
        const double perDecade = 20;
        double total = Math.Max(1, bins.Sum(b => b.Count));
        return [.. bins
            .GroupBy(b => Math.Floor(Math.Log10(Math.Max(0.01, (b.LowMicroseconds + b.HighMicroseconds) / 2)) * perDecade))
            .OrderBy(g => g.Key)
            .Select(g => (Math.Pow(10, (g.Key + 0.5) / perDecade), g.Sum(b => b.Count) / total))];
    }

    private static LogLogChart PercentilePlot(HilResult r)
    {
        // x is the number of nines: 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99; max sits at 5.
        static string Label(double nines) => nines switch { 0.3 => "p50", 1 => "p90", 2 => "p99", 3 => "p99.9", 4 => "p99.99", 5 => "max", _ => "" };
        var chart = new LogLogChart("Percentiles", "percentile", "microseconds", logX: false, x => Label(Math.Round(x, 1)));
        static List<(double, double)> Curve(Percentiles p) => [(0.3, p.P50), (1, p.P90), (2, p.P99), (3, p.P999), (4, p.P9999), (5, p.Max)];
        chart.Lines.Add(new ChartLine(r.EndToEnd.Name, EndToEndColor, Curve(r.EndToEnd)));
        chart.Lines.Add(new ChartLine(r.RuntimeInternal.Name, InternalColor, Curve(r.RuntimeInternal)));
        chart.Lines.Add(new ChartLine(r.TimerFloor.Name, FloorColor, Curve(r.TimerFloor), Dashed: true));
        if (r.Cyclictest.Latency is { } ct)
        {
            chart.Lines.Add(new ChartLine(ct.Name, CyclictestColor, Curve(ct), Dashed: true));
        }
        return chart;
    }

    private static LogLogChart Timeline(HilResult r)
    {
        var chart = new LogLogChart("Jitter over time (largest per 100 ms)", "seconds into the run", "microseconds", logX: false);
        chart.Lines.Add(new ChartLine("sensor → action at the robot", EndToEndColor, [.. r.Timeline.Select(t => (t[0], t[1]))]));
        chart.Lines.Add(new ChartLine("probe robot wake-up lateness", WakeColor, [.. r.Timeline.Select(t => (t[0], t[2]))]));
        chart.Lines.Add(new ChartLine("timer floor wake-up lateness (its own run)", FloorColor, [.. r.Timeline.Where(t => !double.IsNaN(t[3])).Select(t => (t[0], t[3]))], Dashed: true));
        return chart;
    }
}
