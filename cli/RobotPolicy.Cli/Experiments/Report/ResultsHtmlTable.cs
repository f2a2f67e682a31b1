using System.Xml.Linq;
using RobotPolicy.Cli.Experiments.Results;
using static RobotPolicy.Cli.Experiments.Report.Html;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>A domain's results as an HTML table, with the same columns and number formats as results.md.</summary>
internal static class ResultsHtmlTable
{
    public static XElement Of(IEnumerable<MethodResults> rows) =>
        El("table",
            El("thead", El("tr", El("th", "method"), ResultsText.Columns.Select(c => El("th", c)))),
            El("tbody", rows.Select(m => El("tr",
                El("td", El("span", Class("swatch"), new XAttribute("style", $"background: {MethodColors.Of(m.Method)}")), " ", m.Label),
                ResultsText.Cells(m).Select(c => El("td", c))))));
}
