using System.Xml.Linq;
using RobotPolicy.Cli.Experiments.Report;
using RobotPolicy.Cli.Experiments.Report.Svg;
using RobotPolicy.Cli.Experiments.Results;
using RobotPolicy.Cli.Experiments.Statistics;

namespace RobotPolicy.Tests.Experiments;

/// <summary>report.html from made-up results: well-formed, self-contained, and drawing what it was given.</summary>
public class HtmlReportTests
{
    private static MethodResults Row(string method, string label, string? ablationOf, double? teacher, double? student, int seeds) =>
        new(method, label, ablationOf, seeds, seeds,
            teacher is double t ? MeanWithInterval.Of(Enumerable.Range(0, seeds).Select(i => t + 0.01 * i).ToArray()) : null,
            student is double s ? MeanWithInterval.Of(Enumerable.Range(0, seeds).Select(i => s - 0.01 * i).ToArray()) : null,
            teacher is not null && student is not null ? MeanWithInterval.Of([teacher.Value - student.Value]) : null,
            null, MeanWithInterval.Of([300_000]), MeanWithInterval.Of([30.0]));

    private static ExperimentResults Results(int seeds) => new(
        "quick", "robotpolicy experiment --suite quick --out 'a <b> & \"c\"'", seeds, 2, new DateTime(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc), 123, 10, 9,
        [
            new DomainResults("tigerdoor", 300_000, 0.7, 0.3, -2.3, "notes",
            [
                Row("teacher", "Teacher", null, 0.7, null, seeds),
                Row("dagger", "DAgger", null, 0.7, -1.88, seeds),
                Row("aligned", "Aligned", null, 0.3, 0.3, seeds),
                Row("aligned-no-masking", "Aligned, no masking", "aligned", 0.7, -1.5, seeds),
            ]),
        ],
        [new RunProblem("tigerdoor/bc/seed-1", "Failed", "exit code 1", "/x/runs/tigerdoor/bc/seed-1/log.txt")]);

    private static ReportCurves Curves() => new(new Dictionary<(string, string), IReadOnlyList<CurvePoint>>
    {
        [("tigerdoor", "teacher")] = [new(4096, -1, -1.5, -0.5), new(8192, 0.2, 0.1, 0.3), new(300_000, 0.7, 0.69, 0.71)],
        [("tigerdoor", "aligned")] = [new(4096, -2, null, null), new(300_000, 0.3, null, null)],
        [("tigerdoor", "aligned-no-masking")] = [new(4096, -2, null, null), new(300_000, 0.7, null, null)],
    }, new Dictionary<(string, string), IReadOnlyList<CurvePoint>>
    {
        [("tigerdoor", "dagger")] = [new(300_000, -1, -1.2, -0.8), new(310_000, -1.88, -2, -1.7)],
        [("tigerdoor", "aligned")] = [new(15_000, -2, -2.5, -1.5), new(150_000, 0.3, 0.28, 0.32), new(300_000, 0.3, 0.29, 0.31)],
    });

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Report_is_well_formed_self_contained_and_draws_curves_bands_and_references(int seeds)
    {
        string html = HtmlReport.Write(Results(seeds), Curves());
        var doc = ReportChecks.ParseWellFormed(html);
        ReportChecks.AssertSelfContained(html);

        var svgs = doc.Descendants("svg").ToArray();
        Assert.Equal(3, svgs.Length); // the domain's learning curves, its students against env steps, and its ablations
        var main = svgs[0];
        var students = svgs[1];
        Assert.Equal(2, students.Descendants("polyline").Count()); // DAgger's and Aligned's students; the teacher has none
        Assert.Contains(students.Descendants("text"), t => t.Value == "tigerdoor: students");
        Assert.Contains(students.Descendants("text"), t => t.Value == "best student 0.3");
        Assert.Equal(2, main.Descendants("polyline").Count()); // teacher and aligned; DAgger has no curve
        Assert.Single(main.Descendants("polygon")); // only the teacher's curve has a band
        Assert.Contains(main.Descendants("text"), t => t.Value == "best student 0.3");
        Assert.Contains(main.Descendants("text"), t => t.Value == "final student");
        Assert.Equal(4, main.Descendants("circle").Count()); // DAgger's and Aligned's final students, in the plot and the legend
        Assert.All(doc.Descendants("polyline"), p => Assert.Matches(@"^(-?\d+(\.\d)?,-?\d+(\.\d)? ?)+$", p.Attribute("points")!.Value));

        // The command is shown as typed, escaped by the writer; the failed run is listed with its log.
        Assert.Contains(doc.Descendants("code"), c => c.Value == "robotpolicy experiment --suite quick --out 'a <b> & \"c\"'");
        Assert.Contains(doc.Descendants("code"), c => c.Value == "/x/runs/tigerdoor/bc/seed-1/log.txt");
        var ablationTable = doc.Descendants("table").Last();
        Assert.Equal(["Aligned", "Aligned, no masking"], ablationTable.Descendants("tbody").Elements("tr").Select(r => r.Elements("td").First().Value.Trim()));
    }

    [Fact]
    public void Html_elements_are_never_self_closed()
    {
        // <td/> is an unclosed cell to an HTML parser; only void elements (meta) and SVG shapes may be written that way.
        string html = HtmlReport.Write(Results(1), ReportCurves.None);
        var doc = ReportChecks.ParseWellFormed(html);
        var svgShapes = new HashSet<string> { "line", "polyline", "polygon", "circle", "rect", "text" };
        foreach (var element in doc.Descendants().Where(e => e.IsEmpty))
        {
            Assert.True(element.Name.LocalName == "meta" || svgShapes.Contains(element.Name.LocalName), $"<{element.Name}/> is self-closed");
        }
    }

    [Fact]
    public void Ticks_are_round_numbers_that_cover_the_data()
    {
        var ticks = NiceTicks.For(new ValueRange(-2.3, 0.7));
        Assert.Equal([-3, -2, -1, 0, 1], ticks.Values);
        Assert.Equal(new ValueRange(-3, 1), ticks.Range);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8], NiceTicks.For(new ValueRange(0.03, 0.71), 6).Values);
        Assert.Equal([0, 100_000, 200_000, 300_000, 400_000], NiceTicks.For(new ValueRange(0, 303_104), 4).Values);
    }
}
