using System.Xml.Linq;

namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>The frame of a chart: light grid lines at the ticks, the two axes, tick labels and axis titles.</summary>
internal static class SvgAxes
{
    public static IEnumerable<XElement> Draw(PlotArea area, NiceTicks x, NiceTicks y, Func<double, string> xLabel, Func<double, string> yLabel,
        string xTitle, string yTitle)
    {
        foreach (double t in y.Values)
        {
            double py = area.PixelY(t);
            yield return SvgElements.Line(area.Left, py, area.Right, py, "#e4e4e4");
            yield return SvgElements.Text(area.Left - 6, py + 4, yLabel(t), "end");
        }
        foreach (double t in x.Values)
        {
            double px = area.PixelX(t);
            yield return SvgElements.Line(px, area.Top, px, area.Bottom, "#f0f0f0");
            yield return SvgElements.Line(px, area.Bottom, px, area.Bottom + 4, "#555");
            yield return SvgElements.Text(px, area.Bottom + 16, xLabel(t), "middle");
        }
        yield return SvgElements.Line(area.Left, area.Bottom, area.Right, area.Bottom, "#555");
        yield return SvgElements.Line(area.Left, area.Top, area.Left, area.Bottom, "#555");
        yield return SvgElements.Text(area.Left + area.Width / 2, area.Bottom + 34, xTitle, "middle");
        yield return SvgElements.Text(area.Left - 44, area.Top + area.Height / 2, yTitle, "middle", rotate: -90);
    }
}
