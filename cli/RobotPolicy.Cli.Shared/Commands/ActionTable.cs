using System.Globalization;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// Rows of floats as plain CSV (comma-separated, one row a line, '#' lines are comments), written with round-trip
/// precision so a table read back is bit-identical to the one written.
/// </summary>
internal static class ActionTable
{
    public static List<float[]> Read(string path, int width, string what)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{path}: {what} file not found");
        }
        var rows = new List<float[]>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            string[] cells = line.Split(',');
            if (cells.Length != width)
            {
                throw new CliUsageException($"{path}:{lineNumber}: {cells.Length} values, but the policy's {what} have {width}");
            }
            var row = new float[width];
            for (int i = 0; i < width; i++)
            {
                if (!float.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]) || !float.IsFinite(row[i]))
                {
                    throw new CliUsageException($"{path}:{lineNumber}: value {i + 1} '{cells[i].Trim()}' is not a finite number");
                }
            }
            rows.Add(row);
        }
        if (rows.Count == 0)
        {
            throw new CliUsageException($"{path}: no rows of {what}");
        }
        return rows;
    }

    public static string Format(IEnumerable<float[]> rows) =>
        string.Concat(rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n"));
}
