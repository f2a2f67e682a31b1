using System.Globalization;
using System.Text.RegularExpressions;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Reads HdrHistogram's percentile distribution text (.hgrm) the way its plotting tools do: whitespace-separated
/// rows of value, percentile, total count (and 1/(1-percentile) but on the last row), and a '#[...]' footer.
/// Throws on anything else, so a malformed file fails the test that reads it.
/// </summary>
internal sealed partial record HgrmFile(
    IReadOnlyList<HgrmRow> Rows, double Mean, double StdDeviation, double Max, long TotalCount, int Buckets, int SubBuckets)
{
    public static HgrmFile Parse(string text)
    {
        var lines = text.Split('\n');
        Assert.Matches(@"^\s+Value\s+Percentile\s+TotalCount\s+1/\(1-Percentile\)$", lines[0]);
        var rows = new List<HgrmRow>();
        var inv = CultureInfo.InvariantCulture;
        double mean = 0, std = 0, max = 0;
        long count = 0;
        int buckets = 0, subBuckets = 0;
        foreach (string line in lines.Skip(1).Where(l => l.Trim().Length > 0))
        {
            if (line.StartsWith("#[Mean", StringComparison.Ordinal))
            {
                var m = Footer().Match(line);
                (mean, std) = (double.Parse(m.Groups[1].Value, inv), double.Parse(m.Groups[2].Value, inv));
                continue;
            }
            if (line.StartsWith("#[Max", StringComparison.Ordinal))
            {
                var m = Footer().Match(line);
                (max, count) = (double.Parse(m.Groups[1].Value, inv), long.Parse(m.Groups[2].Value, inv));
                continue;
            }
            if (line.StartsWith("#[Buckets", StringComparison.Ordinal))
            {
                var m = Footer().Match(line);
                (buckets, subBuckets) = (int.Parse(m.Groups[1].Value, inv), int.Parse(m.Groups[2].Value, inv));
                continue;
            }
            string[] cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(cells.Length is 3 or 4, $"not an .hgrm row: '{line}'");
            rows.Add(new HgrmRow(double.Parse(cells[0], inv), double.Parse(cells[1], inv), long.Parse(cells[2], inv)));
        }
        return new HgrmFile(rows, mean, std, max, count, buckets, subBuckets);
    }

    [GeneratedRegex(@"=\s*([-0-9.]+|NaN),\s*[A-Za-z ]+=\s*([-0-9.]+|NaN)\]")]
    private static partial Regex Footer();
}

internal sealed record HgrmRow(double Value, double Percentile, long TotalCount);
