using System.Globalization;

namespace RobotPolicy.Cli.Parsing;

/// <summary>A comma-separated list of batch sizes given to an option (`bench infer --batch`, `bench mujoco --envs`).</summary>
internal static class BatchSizeList
{
    /// <exception cref="CliUsageException">An item is not a whole number from 1 to <paramref name="max"/>, or the list is empty.</exception>
    public static List<int> Parse(string option, string list, int max, string example)
    {
        var sizes = new List<int>();
        foreach (string item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1 || size > max)
            {
                throw new CliUsageException($"{option} '{item}' is not a batch size (1..{max}); give a comma-separated list such as {example}");
            }
            sizes.Add(size);
        }
        return sizes.Count > 0 ? sizes : throw new CliUsageException($"{option} needs at least one batch size, e.g. {example}");
    }
}
