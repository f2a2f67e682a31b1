using System.ComponentModel;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// npm packages that tests use as data or as a peer implementation, fetched as `bench codec` fetches its peer:
/// robot-bridge/js-peers/fetch-npm-package.mjs with the pins in npm-packages.json beside it (exact version, SHA-512
/// integrity), cached outside the tree, never committed. A test that needs one is an
/// <see cref="NpmFactAttribute"/> or <see cref="NpmTheoryAttribute"/>: skipped with the reason where node, npm or the
/// registry is missing, except under CI (CI=true), where it runs and fails.
/// </summary>
internal static class NpmPackages
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Dictionary<string, (string? Folder, string? Problem)> Fetched = new(StringComparer.Ordinal);

    /// <summary>As `bench codec`: $ROBOTPOLICY_CACHE_DIR, else $XDG_CACHE_HOME/robotpolicy, else ~/.cache/robotpolicy.</summary>
    public static string CacheDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ROBOTPOLICY_CACHE_DIR") is { Length: > 0 } explicitDir)
            {
                return explicitDir;
            }
            if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
            {
                return Path.Combine(xdg, "robotpolicy");
            }
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "robotpolicy");
        }
    }


    /// <summary>The extracted folder of the package pinned as <paramref name="key"/>, or why it cannot be had. Fetched once per test run.</summary>
    public static (string? Folder, string? Problem) TryFetch(string key)
    {
        lock (Fetched)
        {
            if (!Fetched.TryGetValue(key, out var result))
            {
                result = FetchNow(key);
                Fetched[key] = result;
            }
            return result;
        }
    }

    /// <summary>The package's extracted folder; fails the test, saying why, when it cannot be had.</summary>
    public static string Fetch(string key)
    {
        var (folder, problem) = TryFetch(key);
        Assert.True(folder is not null, problem);
        return folder!;
    }

    private static (string? Folder, string? Problem) FetchNow(string key)
    {
        string script = Path.Combine(Repository.Root, "robot-bridge", "js-peers", "fetch-npm-package.mjs");
        try
        {
            var r = ChildProcess.Run("node", [script, key, CacheDirectory], Timeout);
            string folder = r.Out.Trim().Split('\n').LastOrDefault() ?? "";
            return r.ExitCode == 0 && Directory.Exists(folder)
                ? (folder, null)
                : (null, $"npm package '{key}' could not be fetched (robot-bridge/js-peers/fetch-npm-package.mjs exit {r.ExitCode}): {r.Err.Trim()}");
        }
        catch (Win32Exception e)
        {
            return (null, $"node could not be started ({e.Message}); install Node.js with npm (Debian: apt-get install nodejs npm); tests/run.sh installs them");
        }
    }

    internal static string? WhySkipped(string[] keys)
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return ci ? null : keys.Select(k => TryFetch(k).Problem).FirstOrDefault(p => p is not null);
    }
}

/// <summary>A fact that needs pinned npm packages: skipped with the reason where they cannot be fetched, except under CI.</summary>
internal sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute(params string[] packageKeys)
    {
        if (NpmPackages.WhySkipped(packageKeys) is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>A theory that needs pinned npm packages: skipped with the reason where they cannot be fetched, except under CI.</summary>
internal sealed class NpmTheoryAttribute : TheoryAttribute
{
    public NpmTheoryAttribute(params string[] packageKeys)
    {
        if (NpmPackages.WhySkipped(packageKeys) is { } why)
        {
            Skip = why;
        }
    }
}
