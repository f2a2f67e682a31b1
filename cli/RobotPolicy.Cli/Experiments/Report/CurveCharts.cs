using RobotPolicy.Cli.Experiments.Report.Svg;
using RobotPolicy.Cli.Experiments.Results;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>A domain's learning-curve chart for a set of methods: their curves, their final student returns, the references.</summary>
internal static class CurveCharts
{
    public static LineChart For(DomainResults domain, IEnumerable<MethodResults> methods, ReportCurves curves, string title)
    {
        var chart = new LineChart(title, "environment steps", "return");
        foreach (var m in methods)
        {
            var curve = curves.Of(domain.Domain, m.Method);
            if (curve.Count > 0)
            {
                chart.Series.Add(new ChartSeries(m.Label, MethodColors.Of(m.Method), curve));
            }
            // The final student return is not in metrics.csv (an aligned run's curve is its teacher's; imitation logs
            // no curve), so every method with a student shows it as a dot at the end.
            if (m.StudentReturn is { } s)
            {
                chart.Markers.Add(new ChartMarker(m.Label, MethodColors.Of(m.Method), s.Mean, s.Low, s.High));
            }
        }
        AddReferences(chart, domain);
        return chart;
    }

    /// <summary>Every method's student, evaluated during its run, against the env steps it had cost (the runs it builds
    /// on included): where each gets to, and how soon.</summary>
    public static LineChart ForStudents(DomainResults domain, IEnumerable<MethodResults> methods, ReportCurves curves, string title)
    {
        var chart = new LineChart(title, "environment steps (the runs a student builds on included)", "student return");
        foreach (var m in methods)
        {
            var curve = curves.StudentOf(domain.Domain, m.Method);
            if (curve.Count > 0)
            {
                chart.Series.Add(new ChartSeries(m.Label, MethodColors.Of(m.Method), curve));
            }
        }
        AddReferences(chart, domain);
        return chart;
    }

    private static void AddReferences(LineChart chart, DomainResults domain)
    {
        chart.References.Add(new ChartReference("best teacher", domain.BestTeacher, "#444"));
        chart.References.Add(new ChartReference("best student", domain.BestStudent, "#2a7"));
        if (domain.CopyTeacher is double copy)
        {
            chart.References.Add(new ChartReference("student copying the teacher", copy, "#c33"));
        }
    }
}
