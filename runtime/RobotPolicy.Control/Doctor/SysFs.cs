using System.Globalization;

namespace RobotPolicy.Control.Doctor;

/// <summary>Small readers for sysfs and procfs files under a root that tests can replace.</summary>
internal static class SysFs
{
    /// <summary>The file's content trimmed, or null when it does not exist or cannot be read.</summary>
    public static string? Read(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The CPU directories (cpu0, cpu1, ...) under <c>devices/system/cpu</c>, by number.</summary>
    public static IReadOnlyList<(int Number, string Path)> CpuDirectories(string sysRoot)
    {
        string dir = Path.Combine(sysRoot, "devices/system/cpu");
        if (!Directory.Exists(dir))
        {
            return [];
        }
        return Directory.GetDirectories(dir, "cpu*")
            .Select(d => (Name: Path.GetFileName(d), Path: d))
            .Where(d => d.Name.Length > 3 && d.Name[3..].All(char.IsAsciiDigit))
            .Select(d => (int.Parse(d.Name[3..], CultureInfo.InvariantCulture), d.Path))
            .OrderBy(d => d.Item1)
            .ToList();
    }

    /// <summary>CPU numbers written as the kernel writes CPU lists: 0-3,6.</summary>
    public static string Ranges(IEnumerable<int> numbers)
    {
        var sorted = numbers.Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
