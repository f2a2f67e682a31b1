using RobotPolicy.Cli.Experiments.Plan;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>One color per method, by its place in the method table, so a method looks the same in every chart and suite.</summary>
internal static class MethodColors
{
    // Tableau 10: distinct, and readable for the common color-vision deficiencies.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Of(string method)
    {
        int index = ExperimentMethods.All.Select(m => m.Name).ToList().IndexOf(method);
        return Palette[(index < 0 ? Palette.Length - 1 : index) % Palette.Length];
    }
}
