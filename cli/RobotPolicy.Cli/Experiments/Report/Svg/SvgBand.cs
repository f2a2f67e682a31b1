using System.Xml.Linq;

namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>A shaded band between a lower and an upper curve: one &lt;polygon&gt;, along the upper edge and back along the lower.</summary>
internal static class SvgBand
{
    public static XElement? Draw(PlotArea area, IReadOnlyList<(double X, double Low, double High)> points, string color, double opacity = 0.18)
    {
        if (points.Count < 2)
        {
            return null;
        }
        var outline = points.Select(p => (p.X, p.High)).Concat(points.Reverse().Select(p => (p.X, p.Low)));
        return new XElement("polygon",
            new XAttribute("points", string.Join(' ', outline.Select(p => $"{SvgNumber.Of(area.PixelX(p.X))},{SvgNumber.Of(area.PixelY(p.Item2))}"))),
            new XAttribute("fill", color), SvgElements.Attr("fill-opacity", opacity), new XAttribute("stroke", "none"));
    }
}
