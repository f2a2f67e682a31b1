using System.Globalization;
using System.Xml.Linq;

namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>
/// A learning-curve chart as inline SVG: seed-averaged curves with their bands, dashed reference lines, final values
/// as dots in a strip right of the plot (so methods without a curve can be compared at the end), and a legend below.
/// </summary>
internal sealed class LineChart(string title, string xTitle, string yTitle)
{
    private const double Width = 720;
    private const double PlotLeft = 64;
    private const double PlotTop = 34;
    private const double PlotWidth = 540;
    private const double PlotHeight = 250;
    private const double StripGap = 16;
    private const double MarkerSpacing = 12;
    private const double LegendRow = 18;
    private const double LegendColumn = 330;

    public List<ChartSeries> Series { get; } = [];

    public List<ChartReference> References { get; } = [];

    public List<ChartMarker> Markers { get; } = [];

    public XElement ToSvg()
    {
        // The y range follows means, references and markers, not the bands: with two seeds a 95% band is wide enough
        // to flatten everything else, so bands are cut at the frame instead.
        var yData = Series.SelectMany(s => s.Points.Select(p => p.Mean))
            .Concat(References.Select(r => r.Value)).Concat(Markers.Select(m => m.Value));
        var yTicks = NiceTicks.For(ValueRange.Covering(yData));
        var xTicks = NiceTicks.Within(new ValueRange(0, Math.Max(1, Series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max())));
        var area = new PlotArea(PlotLeft, PlotTop, PlotWidth, PlotHeight, xTicks.Range, yTicks.Range);

        var legend = Legend().ToArray();
        // Two columns unless a label would run into the next one (about 6 px per character at 11 px).
        int columns = legend.All(e => e.Label.Length * 6.2 < LegendColumn - 36) ? 2 : 1;
        int legendRows = (legend.Length + columns - 1) / columns;
        double height = area.Bottom + 48 + legendRows * LegendRow + 8;
        var svg = new XElement("svg",
            new XAttribute("width", SvgNumber.Of(Width)), new XAttribute("height", SvgNumber.Of(height)),
            new XAttribute("viewBox", $"0 0 {SvgNumber.Of(Width)} {SvgNumber.Of(height)}"),
            new XAttribute("role", "img"), new XAttribute("aria-label", title),
            SvgElements.Text(PlotLeft, 18, title, extraClass: "chart-title"));
        svg.Add(SvgAxes.Draw(area, xTicks, yTicks, StepsLabel, v => v.ToString("0.###", CultureInfo.InvariantCulture), xTitle, yTitle));
        foreach (var r in References)
        {
            double y = area.PixelY(r.Value);
            svg.Add(SvgElements.Line(area.Left, y, area.Right + StripGap + MarkerSpacing * Math.Max(1, Markers.Count), y, r.Color, 1, "5 4"));
        }
        foreach (var s in Series)
        {
            var banded = s.Points.Where(p => p.Low is not null && p.High is not null).Select(p => (p.X, p.Low!.Value, p.High!.Value)).ToArray();
            svg.Add(SvgBand.Draw(area, banded, s.Color));
            svg.Add(SvgPolyline.Draw(area, s.Points.Select(p => (p.X, p.Mean)), s.Color));
        }
        for (int i = 0; i < Markers.Count; i++)
        {
            var m = Markers[i];
            double x = area.Right + StripGap + i * MarkerSpacing;
            if (m.Low is double low && m.High is double high)
            {
                svg.Add(SvgElements.Line(x, area.PixelY(low), x, area.PixelY(high), m.Color, 1.5, opacity: 0.55));
            }
            svg.Add(SvgElements.Circle(x, area.PixelY(m.Value), 4, m.Color));
        }
        if (Markers.Count > 0)
        {
            svg.Add(SvgElements.Text(area.Right + StripGap - 4, area.Top - 6, "final student", "start"));
        }

        for (int i = 0; i < legend.Length; i++)
        {
            double x = PlotLeft + (i % columns) * LegendColumn;
            double y = area.Bottom + 56 + (i / columns) * LegendRow;
            svg.Add(legend[i].Symbols(x, y), SvgElements.Text(x + 34, y, legend[i].Label));
        }
        return svg;
    }

    // One legend entry per method (its curve's line and its final dot side by side, whichever it has), then one per
    // reference line: half the entries of listing curves and dots apart, and each method's symbols read together.
    private IEnumerable<(string Label, Func<double, double, IEnumerable<XElement>> Symbols)> Legend()
    {
        var methods = Series.Select(s => (s.Label, s.Color)).Concat(Markers.Select(m => (m.Label, m.Color))).Distinct();
        foreach (var (label, color) in methods)
        {
            bool line = Series.Any(s => s.Label == label);
            bool dot = Markers.Any(m => m.Label == label);
            yield return (label, (x, y) => new[]
            {
                line ? SvgElements.Line(x, y - 4, x + 18, y - 4, color, 2) : null,
                dot ? SvgElements.Circle(x + 25, y - 4, 4, color) : null,
            }.OfType<XElement>());
        }
        foreach (var r in References)
        {
            yield return ($"{r.Label} {r.Value.ToString("0.###", CultureInfo.InvariantCulture)}", (x, y) => [SvgElements.Line(x, y - 4, x + 29, y - 4, r.Color, 1, "5 4")]);
        }
    }

    // Environment steps read best in thousands or millions.
    private static string StepsLabel(double steps) => steps switch
    {
        0 => "0",
        >= 1e6 => (steps / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (steps / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => steps.ToString("0", CultureInfo.InvariantCulture),
    };
}
