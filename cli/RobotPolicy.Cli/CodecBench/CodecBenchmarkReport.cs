using System.Globalization;
using System.Xml.Linq;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Cli.Experiments.Report.Svg;
using static RobotPolicy.Cli.Experiments.Report.Html;

namespace RobotPolicy.Cli.CodecBench;

/// <summary>
/// Writes `bench codec`'s bench-codec.json and bench-codec.html (one self-contained page: inline CSS and an inline
/// SVG bar chart, nothing fetched from anywhere), each atomically.
/// </summary>
internal static class CodecBenchmarkReport
{
    public const string JsonFileName = "bench-codec.json";
    public const string HtmlFileName = "bench-codec.html";

    private const string CSharpColor = "#3867b8";
    private const string JavaScriptColor = "#e08a2c";

    // No '<', '>' or '&' in here: the XML writer would escape them, and a browser does not unescape <style> text.
    private const string Style = """
        body { font-family: system-ui, sans-serif; color: #222; max-width: 62em; margin: 2em auto; padding: 0 1em; line-height: 1.4 }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em }
        th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap }
        th:first-child, td:first-child { text-align: left; white-space: normal }
        pre { background: #f4f4f4; padding: 0.6em; white-space: pre-wrap; word-break: break-all }
        code, pre { font-family: ui-monospace, monospace }
        .note { color: #555; font-size: 0.9em }
        .met { color: #070 }
        .missed { color: #a00 }
        svg { max-width: 100%; height: auto }
        svg text { font-family: system-ui, sans-serif; font-size: 11px; fill: #333 }
        svg text.chart-title { font-size: 13px; font-weight: 600 }
        """;

    /// <summary>Writes both files into <paramref name="folder"/> (created if missing) and returns their paths.</summary>
    public static (string Json, string Html) Write(CodecBenchmarkResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, JsonFileName);
        string html = Path.Combine(folder, HtmlFileName);
        AtomicFile.WriteAllText(json, CliJson.Serialize(result));
        AtomicFile.WriteAllText(html, ToHtml(result));
        return (json, html);
    }

    public static string ToHtml(CodecBenchmarkResult r)
    {
        var body = El("body",
            El("h1", "Bridge codec benchmark"),
            El("p", "Produced by:"),
            El("pre", El("code", r.Command)),
            El("p", Class("note"), $"Machine: {r.Machine}."),
            El("p", Class("note"), $"C#: {r.CsharpJob}. JavaScript: {r.JsPackage} on node {r.Node}: {r.JsOptions}."),
            El("p", Class("note"),
                $"Messages: the sensor frame of 64 float32 values is {r.SensorMessageBytes} bytes, the action frame of 12 targets " +
                $"{r.ActionMessageBytes} bytes; {(r.SameBytesOnTheWire ? "both sides encode them to identical bytes" : "the two sides encode them differently")}."),
            El("h2", "Goals"),
            El("ul", r.Goals.Select(g => El("li", Class(g.Met ? "met" : "missed"), $"{(g.Met ? "met" : "missed")}: {g.Goal}: {g.Measured}"))),
            El("h2", "Figures"),
            Table(r),
            El("p", Class("note"),
                "ns/op: the median iteration (BenchmarkDotNet) or round (node); ops/s = 1e9 / ns/op; C#/JS = the C# side's throughput over JavaScript's. " +
                "Allocated: bytes per operation, BenchmarkDotNet's memory diagnoser. " +
                $"Earlier: {r.EarlierCodec}."),
            Chart(r));
        var html = El("html", new XAttribute("lang", "en"),
            El("head", El("meta", new XAttribute("charset", "utf-8")), El("title", "Bridge codec benchmark"), El("style", Style)),
            body);
        return RobotPolicy.Cli.Experiments.Report.Html.Write(html);
    }

    private static XElement Table(CodecBenchmarkResult r)
    {
        var header = El("tr", new[] { "operation", "C# ns/op", "C# ops/s", "C# allocated", "JS ns/op", "JS ops/s", "C#/JS", "earlier ns/op" }.Select(h => El("th", h)));
        var rows = r.Rows.Select(row => El("tr",
            El("td", El("code", row.Name), El("br"), El("span", Class("note"), row.Description)),
            El("td", Ns(row.CsharpNsPerOp)),
            El("td", Rate(row.CsharpOpsPerSecond)),
            El("td", row.CsharpAllocatedBytesPerOp is long b ? $"{b} B" : "n/a"),
            El("td", row.JsNsPerOp is double js ? Ns(js) : "—"),
            El("td", row.JsOpsPerSecond is double rate ? Rate(rate) : "—"),
            El("td", row.ThroughputRatio is double ratio ? $"{ratio.ToString("0.0", CultureInfo.InvariantCulture)}x" : "—"),
            El("td", row.EarlierNsPerOp is double earlier ? Ns(earlier) : "—")));
        return El("table", header, rows);
    }

    /// <summary>Horizontal bars of ns per operation, C# above JavaScript for each operation.</summary>
    private static XElement Chart(CodecBenchmarkResult r)
    {
        const double LabelWidth = 290, PlotWidth = 400, Top = 46, BarHeight = 13, GroupGap = 12, Width = 780;
        double max = r.Rows.SelectMany(row => new[] { row.CsharpNsPerOp, row.JsNsPerOp ?? 0 }).DefaultIfEmpty(1).Max();
        var ticks = NiceTicks.For(new ValueRange(0, Math.Max(1, max)));
        double Px(double ns) => LabelWidth + ns / ticks.Range.Max * PlotWidth;
        double groupHeight = 2 * BarHeight + GroupGap;
        double plotBottom = Top + r.Rows.Count * groupHeight;
        double height = plotBottom + 50;
        var svg = new XElement("svg",
            new XAttribute("width", SvgNumber.Of(Width)), new XAttribute("height", SvgNumber.Of(height)),
            new XAttribute("viewBox", $"0 0 {SvgNumber.Of(Width)} {SvgNumber.Of(height)}"),
            new XAttribute("role", "img"), new XAttribute("aria-label", "nanoseconds per operation, C# and JavaScript"),
            SvgElements.Text(LabelWidth, 16, "nanoseconds per operation (shorter is faster)", extraClass: "chart-title"));
        foreach (double t in ticks.Values)
        {
            svg.Add(SvgElements.Line(Px(t), Top - 4, Px(t), plotBottom, "#ddd"));
            svg.Add(SvgElements.Text(Px(t), plotBottom + 14, t.ToString("N0", CultureInfo.InvariantCulture), anchor: "middle"));
        }
        for (int i = 0; i < r.Rows.Count; i++)
        {
            var row = r.Rows[i];
            double y = Top + i * groupHeight;
            svg.Add(SvgElements.Text(LabelWidth - 8, y + BarHeight + 4, row.Name, anchor: "end"));
            svg.Add(Bar(y, row.CsharpNsPerOp, CSharpColor));
            if (row.JsNsPerOp is double js)
            {
                svg.Add(Bar(y + BarHeight, js, JavaScriptColor));
            }
        }
        svg.Add(SvgElements.Line(LabelWidth, Top - 4, LabelWidth, plotBottom, "#888"));
        if (CodecBenchmarkResults.MaxHeadlineNs <= ticks.Range.Max)
        {
            double goal = Px(CodecBenchmarkResults.MaxHeadlineNs);
            svg.Add(SvgElements.Line(goal, Top - 4, goal, plotBottom, "#a00", 1, "4 3"));
            svg.Add(SvgElements.Text(goal + 3, Top - 8, $"{CodecBenchmarkResults.Headline} goal: 1 µs"));
        }
        double legendY = plotBottom + 36;
        svg.Add(SvgElements.Rect(LabelWidth, legendY - 9, 10, 10, CSharpColor), SvgElements.Text(LabelWidth + 14, legendY, "C# (RobotPolicy.Bridge)"));
        svg.Add(SvgElements.Rect(LabelWidth + 170, legendY - 9, 10, 10, JavaScriptColor), SvgElements.Text(LabelWidth + 184, legendY, $"JavaScript ({r.JsPackage})"));
        return El("figure", svg);

        XElement[] Bar(double y, double ns, string color) =>
        [
            SvgElements.Rect(LabelWidth, y, Math.Max(1, Px(ns) - LabelWidth), BarHeight - 2, color),
            SvgElements.Text(Px(ns) + 4, y + BarHeight - 3, Ns(ns)),
        ];
    }

    internal static string Ns(double ns) => ns.ToString(ns < 100 ? "0.0" : "N0", CultureInfo.InvariantCulture);

    internal static string Rate(double perSecond) => perSecond >= 1e6
        ? $"{(perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture)} M"
        : perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
