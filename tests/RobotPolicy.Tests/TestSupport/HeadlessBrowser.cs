namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Debian's chromium, headless, as the judge of whether a report opens in a browser: it loads the file with no
/// network and prints the DOM it built, or renders a screenshot. tests/run.sh installs chromium.
/// </summary>
internal static class HeadlessBrowser
{
    public static string? Executable => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .SelectMany(d => new[] { Path.Combine(d, "chromium"), Path.Combine(d, "chromium-browser") })
        .FirstOrDefault(File.Exists);

    /// <summary>Why no browser can be used here, or null; under CI (CI=true) never a reason: the test must run.</summary>
    public static string? WhyUnavailable()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return ci || Executable is not null ? null : "needs a headless browser (Debian package chromium; tests/run.sh installs it)";
    }

    private static string[] Flags(string profile) =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage", $"--user-data-dir={profile}"];

    /// <summary>The DOM chromium built from <paramref name="htmlPath"/>, serialized.</summary>
    public static string DumpDom(string htmlPath)
    {
        using var profile = new TemporaryDirectory();
        var result = ChildProcess.Run(Executable ?? "chromium", [.. Flags(profile.Path), "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"chromium exited {result.ExitCode}: {result.Err}");
        return result.Out;
    }

    /// <summary>Renders <paramref name="htmlPath"/> to a PNG and returns its bytes.</summary>
    public static byte[] Screenshot(string htmlPath, int width = 1000, int height = 2400)
    {
        using var profile = new TemporaryDirectory();
        string png = Path.Combine(profile.Path, "page.png");
        var result = ChildProcess.Run(Executable ?? "chromium", [.. Flags(profile.Path), $"--screenshot={png}", $"--window-size={width},{height}", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0 && File.Exists(png), $"chromium exited {result.ExitCode}: {result.Err}");
        return File.ReadAllBytes(png);
    }
}

/// <summary>A fact that needs a headless browser: skipped with the reason where chromium is missing, except under CI.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessBrowser.WhyUnavailable() is { } why)
        {
            Skip = why;
        }
    }
}
