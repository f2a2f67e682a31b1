using System.Globalization;

namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>Coordinates as SVG attribute text: invariant culture, one decimal (a tenth of a pixel is plenty).</summary>
internal static class SvgNumber
{
    public static string Of(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
