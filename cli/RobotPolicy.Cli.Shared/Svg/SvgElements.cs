using System.Xml.Linq;

namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>The few SVG primitives the charts use, as elements of an inline &lt;svg&gt; (no namespace: the HTML parser puts
/// inline SVG in its namespace, and the page stays free of any URL).</summary>
internal static class SvgElements
{
    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, double opacity = 1) =>
        new("line", Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2), new XAttribute("stroke", stroke),
            Attr("stroke-width", width), dash is null ? null : new XAttribute("stroke-dasharray", dash),
            opacity < 1 ? Attr("stroke-opacity", opacity) : null);

    public static XElement Text(double x, double y, string text, string anchor = "start", string? extraClass = null, double? rotate = null) =>
        new("text", Attr("x", x), Attr("y", y), new XAttribute("text-anchor", anchor),
            extraClass is null ? null : new XAttribute("class", extraClass),
            rotate is double r ? new XAttribute("transform", $"rotate({SvgNumber.Of(r)} {SvgNumber.Of(x)} {SvgNumber.Of(y)})") : null,
            text);

    public static XElement Circle(double cx, double cy, double r, string fill) =>
        new("circle", Attr("cx", cx), Attr("cy", cy), Attr("r", r), new XAttribute("fill", fill));

    public static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null) =>
        new("rect", Attr("x", x), Attr("y", y), Attr("width", width), Attr("height", height), new XAttribute("fill", fill),
            stroke is null ? null : new XAttribute("stroke", stroke));

    public static XAttribute Attr(string name, double value) => new(name, SvgNumber.Of(value));
}
