using System.Globalization;
using System.Xml.Linq;
using RobotPolicy.Cli.Experiments.Report.Svg;

namespace RobotPolicy.Cli.HilBench;

/// <summary>One line of a <see cref="LogLogChart"/>: points in data units, drawn as a polyline (or a staircase).</summary>
internal sealed record ChartLine(string Label, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

/// <summary>
/// A small inline-SVG chart with a log-scale y axis (microseconds: tails span four decades) and either a linear or a
/// log x axis, ticks at powers of ten, and a legend under the plot. No scripts, no URLs.
/// </summary>
internal sealed class LogLogChart(string title, string xTitle, string yTitle, bool logX, Func<double, string>? xLabel = null)
{
    // Drawing units; the page scales the drawing to its width (viewBox, CSS width 100%), text with it.
    private const double Width = 1000, Left = 80, Top = 38, PlotWidth = 890, PlotHeight = 330;

    public List<ChartLine> Lines { get; } = [];

    public XElement ToSvg()
    {
        var points = Lines.SelectMany(l => l.Points).Where(p => p.Y > 0 && double.IsFinite(p.Y) && double.IsFinite(p.X) && (!logX || p.X > 0)).ToList();
        double yMin = Math.Pow(10, Math.Floor(Math.Log10(points.Count > 0 ? points.Min(p => p.Y) : 1)));
        double yMax = Math.Pow(10, Math.Ceiling(Math.Log10(points.Count > 0 ? points.Max(p => p.Y) : 10)));
        if (yMax <= yMin)
        {
            yMax = yMin * 10;
        }
        double xMin = points.Count > 0 ? points.Min(p => p.X) : 0, xMax = points.Count > 0 ? points.Max(p => p.X) : 1;
        if (logX)
        {
            xMin = Math.Pow(10, Math.Floor(Math.Log10(xMin)));
            xMax = Math.Pow(10, Math.Ceiling(Math.Log10(xMax)));
        }
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }
        double Px(double x) => Left + PlotWidth * (logX ? Math.Log10(x / xMin) / Math.Log10(xMax / xMin) : (x - xMin) / (xMax - xMin));
        double Py(double y) => Top + PlotHeight * (1 - Math.Log10(Math.Max(y, yMin) / yMin) / Math.Log10(yMax / yMin));

        double height = Top + PlotHeight + 50 + 20 * Lines.Count;
        var svg = new XElement("svg",
            new XAttribute("viewBox", $"0 0 {SvgNumber.Of(Width)} {SvgNumber.Of(height)}"),
            new XAttribute("role", "img"), new XAttribute("aria-label", title),
            SvgElements.Text(Left, 20, title, extraClass: "chart-title"));
        for (double y = yMin; y <= yMax * 1.0001; y *= 10)
        {
            svg.Add(SvgElements.Line(Left, Py(y), Left + PlotWidth, Py(y), "#ddd"));
            svg.Add(SvgElements.Text(Left - 6, Py(y) + 5, Number(y), "end"));
        }
        foreach (double x in XTicks(xMin, xMax))
        {
            svg.Add(SvgElements.Line(Px(x), Top, Px(x), Top + PlotHeight, "#eee"));
            svg.Add(SvgElements.Text(Px(x), Top + PlotHeight + 18, xLabel?.Invoke(x) ?? Number(x), "middle"));
        }
        // The frame over the grid (the outermost grid lines lie on it), under the data.
        svg.Add(SvgElements.Rect(Left, Top, PlotWidth, PlotHeight, "none", "#999"));
        svg.Add(SvgElements.Text(Left + PlotWidth / 2, Top + PlotHeight + 38, xTitle, "middle"));
        svg.Add(SvgElements.Text(16, Top + PlotHeight / 2, yTitle, "middle", rotate: -90));
        for (int i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            var drawn = line.Points.Where(p => p.Y > 0 && double.IsFinite(p.Y) && (!logX || p.X > 0)).Select(p => $"{SvgNumber.Of(Px(p.X))},{SvgNumber.Of(Py(p.Y))}");
            svg.Add(new XElement("polyline", new XAttribute("points", string.Join(' ', drawn)), new XAttribute("fill", "none"),
                new XAttribute("stroke", line.Color), new XAttribute("stroke-width", "2"),
                line.Dashed ? new XAttribute("stroke-dasharray", "5 4") : null));
            double ly = Top + PlotHeight + 58 + 20 * i;
            svg.Add(SvgElements.Line(Left, ly - 4, Left + 26, ly - 4, line.Color, 2, line.Dashed ? "5 4" : null));
            svg.Add(SvgElements.Text(Left + 34, ly, line.Label));
        }
        return svg;
    }

    private IEnumerable<double> XTicks(double min, double max)
    {
        if (logX)
        {
            for (double x = min; x <= max * 1.0001; x *= 10)
            {
                yield return x;
            }
            yield break;
        }
        double step = Math.Pow(10, Math.Floor(Math.Log10((max - min) / 5)));
        if ((max - min) / step > 10)
        {
            step *= (max - min) / step > 25 ? 5 : 2;
        }
        for (double x = Math.Ceiling(min / step) * step; x <= max + 1e-9; x += step)
        {
            yield return x;
        }
    }

    private static string Number(double v) => v >= 1000
        ? (v / 1000).ToString("0.##", CultureInfo.InvariantCulture) + "k"
        : v >= 0.001 ? v.ToString("0.###", CultureInfo.InvariantCulture) : v.ToString("0.#E+0", CultureInfo.InvariantCulture);
}
