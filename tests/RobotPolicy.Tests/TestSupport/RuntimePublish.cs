using System.Collections.Concurrent;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Publishes robotpolicy-runtime the way a user would (`dotnet publish cli/RobotPolicy.Runtime.Cli -c Release ...`),
/// from a copy of the source tree so that a build with other properties (the GPU package, another RID) never
/// touches the test run's own obj/ and bin/ folders. Each variant is published once per test run; the copy and the
/// outputs are deleted when the test process exits.
/// </summary>
internal static class RuntimePublish
{
    private static readonly ConcurrentDictionary<string, Lazy<Published>> Variants = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Work = new(CreateWorkFolder);
    private static readonly Lazy<string> Source = new(CopySourceTree);
    private static readonly Lock PublishGate = new();

    /// <summary>A finished publish: its folder, or why it failed (the build log's error lines).</summary>
    public sealed record Published(string Folder, string? Failure, string Log);


    /// <summary>The arguments of a NativeAOT publish for <paramref name="rid"/>, with the clang this machine has.</summary>
    public static string[] NativeAot(string rid) =>
        ["-r", rid, "-p:PublishAot=true", $"-p:CppCompilerAndLinker={Clang()}"];

    /// <summary>clang, else the newest clang-NN on PATH (Debian installs only the versioned name), as build/debian-packages.sh.</summary>
    private static string Clang()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (dirs.Any(d => File.Exists(Path.Combine(d, "clang"))))
        {
            return "clang";
        }
        return dirs.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Select(Path.GetFileName)
            .Where(n => n is not null && System.Text.RegularExpressions.Regex.IsMatch(n, "^clang-[0-9]+$"))
            .OrderBy(n => int.Parse(n!["clang-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .LastOrDefault() ?? "clang";
    }

    /// <summary>The ELF machine of a file: "x86-64", "aarch64" or "other".</summary>
    public static string ElfMachine(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[20];
        file.ReadExactly(header);
        return (header[18], header[19]) switch
        {
            (0x3e, 0x00) => "x86-64",
            (0xb7, 0x00) => "aarch64",
            _ => "other",
        };
    }

    /// <summary>The variant's published folder (named by <paramref name="name"/>), published on first use.</summary>
    public static Published Get(string name, params string[] publishArguments) =>
        Variants.GetOrAdd(name, n => new Lazy<Published>(() => Publish(n, publishArguments))).Value;

    private static Published Publish(string name, string[] arguments)
    {
        string output = Path.Combine(Work.Value, "out", name);
        // One publish at a time: two would race on the copy's shared obj/ folders.
        lock (PublishGate)
        {
            var r = ChildProcess.Run("dotnet",
                ["publish", Path.Combine(Source.Value, "cli", "RobotPolicy.Runtime.Cli"), "-c", "Release", .. arguments, "-o", output, "-nologo"],
                TimeSpan.FromMinutes(15), new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
            string log = r.Out + r.Err;
            string? failure = r.ExitCode == 0 ? null : string.Join('\n', log.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct().Take(5));
            return new Published(output, failure is null ? null : $"dotnet publish {string.Join(' ', arguments)} failed: {failure}", log);
        }
    }

    private static string CreateWorkFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "robotpolicy-tests-publish-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder must not fail the run.
            }
        };
        return dir;
    }

    /// <summary>The tracked and untracked-but-not-ignored files, as a clone would have them (no bin/, obj/).</summary>
    private static string CopySourceTree()
    {
        string root = Repository.Root;
        string target = Path.Combine(Work.Value, "src");
        var files = ChildProcess.Run("git", ["-C", root, "ls-files", "-co", "--exclude-standard", "-z"], TimeSpan.FromMinutes(1));
        Assert.True(files.ExitCode == 0, "git ls-files failed: " + files.Err);
        foreach (string relative in files.Out.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string from = Path.Combine(root, relative);
            if (!File.Exists(from))
            {
                continue; // deleted in the work tree, not yet committed
            }
            string to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
        return target;
    }
}
