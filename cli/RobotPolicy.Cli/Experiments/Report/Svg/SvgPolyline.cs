using System.Xml.Linq;

namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>A data series as one &lt;polyline&gt; in plot coordinates.</summary>
internal static class SvgPolyline
{
    public static XElement Draw(PlotArea area, IEnumerable<(double X, double Y)> points, string color, double width = 2, string? dash = null) =>
        new("polyline",
            new XAttribute("points", string.Join(' ', points.Select(p => $"{SvgNumber.Of(area.PixelX(p.X))},{SvgNumber.Of(area.PixelY(p.Y))}"))),
            new XAttribute("fill", "none"), new XAttribute("stroke", color), SvgElements.Attr("stroke-width", width),
            new XAttribute("stroke-linejoin", "round"), dash is null ? null : new XAttribute("stroke-dasharray", dash));
}
