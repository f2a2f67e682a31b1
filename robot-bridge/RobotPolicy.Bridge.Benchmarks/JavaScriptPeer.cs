using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace RobotPolicy.Bridge.Benchmarks;

/// <summary>One operation timed in node: nanoseconds per operation (median round), and the rounds it came from.</summary>
public sealed record JavaScriptMeasurement(string Name, double MedianNs, double MeanNs, double MinNs, double MaxNs, int Rounds, long OperationsPerRound);

/// <summary>What the JavaScript side measured, and with what.</summary>
public sealed record JavaScriptRun(string Node, string Package, string Options, IReadOnlyList<JavaScriptMeasurement> Measurements);

/// <summary>
/// The comparison side of the codec benchmark: @msgpack/msgpack (the pinned npm package of
/// robot-bridge/js-peers/npm-packages.json, key <c>msgpack-javascript</c>) under node, on the objects of
/// <see cref="CodecSamples"/>: node on PATH, the package fetched once with js-peers/fetch-npm-package.mjs (copied
/// beside this assembly) into the robotpolicy cache folder.
/// </summary>
public static class JavaScriptPeer
{
    public const string PackageKey = "msgpack-javascript";
    public const string PackageSpec = "@msgpack/msgpack@3.1.3";

    private static string BenchFolder => Path.Combine(AppContext.BaseDirectory, "Bench");

    /// <summary>The script that encodes and times the messages in node.</summary>
    public static string Script => Path.Combine(BenchFolder, "msgpack_codec_bench.mjs");

    /// <summary>As Directory.Build.props: $ROBOTPOLICY_CACHE_DIR, else $XDG_CACHE_HOME/robotpolicy, else ~/.cache/robotpolicy.</summary>
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

    /// <summary>node's version ("v20.1.0"); throws <see cref="CodecBenchmarkException"/> naming what to install when node is missing.</summary>
    public static string NodeVersion()
    {
        var r = RunNode(["--version"], stdin: null, TimeSpan.FromSeconds(30));
        if (r.ExitCode != 0)
        {
            throw new CodecBenchmarkException($"'node --version' failed (exit {r.ExitCode}): {r.Err.Trim()}");
        }
        return r.Out.Trim();
    }

    /// <summary>
    /// The extracted @msgpack/msgpack folder, fetched (once, with npm pack, integrity checked) when the cache lacks it.
    /// Throws <see cref="CodecBenchmarkException"/> saying what is missing and how to get it.
    /// </summary>
    public static string FetchPackage()
    {
        string fetchScript = Path.Combine(BenchFolder, "npm", "fetch-npm-package.mjs");
        string manifest = Path.Combine(BenchFolder, "npm", "npm-packages.json");
        if (!File.Exists(fetchScript) || !File.Exists(manifest) || !File.Exists(Script))
        {
            throw new CodecBenchmarkException($"the JavaScript side's scripts are missing from {BenchFolder} (msgpack_codec_bench.mjs, npm/fetch-npm-package.mjs, npm/npm-packages.json): rebuild or republish robotpolicy");
        }
        var r = RunNode([fetchScript, PackageKey, CacheDirectory, manifest], stdin: null, TimeSpan.FromMinutes(5));
        string folder = r.Out.Trim().Split('\n').LastOrDefault() ?? "";
        if (r.ExitCode != 0 || !Directory.Exists(folder))
        {
            // The script's own "error RP0001: ..." lines say why; its progress lines do not.
            const string ErrorPrefix = "error RP0001: ";
            var lines = r.Err.Trim().Split('\n');
            var errors = lines.Where(l => l.StartsWith(ErrorPrefix, StringComparison.Ordinal)).Select(l => l[ErrorPrefix.Length..]).ToList();
            string why = string.Join(' ', errors.Count > 0 ? errors : (IEnumerable<string>)lines).TrimEnd('.', ':', ' ');
            throw new CodecBenchmarkException(
                $"the npm package {PackageSpec} (the JavaScript side of bench codec) could not be fetched into {Path.Combine(CacheDirectory, "npm")}: {why}. " +
                "It is fetched once with 'npm pack' (Node.js with npm and the npm registry needed); offline, put msgpack-msgpack-3.1.3.tgz in " +
                $"{Path.Combine(CacheDirectory, "npm", "tarballs")} or set ROBOTPOLICY_CACHE_DIR to a cache that has it");
        }
        return folder;
    }

    /// <summary>The bytes @msgpack/msgpack writes for <see cref="CodecSamples"/>' sensor and action objects.</summary>
    public static (byte[] Sensor, byte[] Action) EncodedMessages(string packageFolder)
    {
        using JsonDocument doc = JsonDocument.Parse(RunScript("bytes", packageFolder, [], TimeSpan.FromMinutes(1)));
        return (Convert.FromBase64String(doc.RootElement.GetProperty("sensor").GetString()!),
            Convert.FromBase64String(doc.RootElement.GetProperty("action").GetString()!));
    }

    /// <summary>Times encode, decode and encode + decode in node (after its own check that both messages round-trip).</summary>
    public static JavaScriptRun Measure(string packageFolder, bool quick)
    {
        using JsonDocument doc = JsonDocument.Parse(RunScript("bench", packageFolder, [quick ? "1" : "0"], TimeSpan.FromMinutes(5)));
        var root = doc.RootElement;
        var measurements = root.GetProperty("results").EnumerateObject().Select(p => new JavaScriptMeasurement(
            p.Name, p.Value.GetProperty("ns_per_op").GetDouble(), p.Value.GetProperty("mean_ns").GetDouble(),
            p.Value.GetProperty("min_ns").GetDouble(), p.Value.GetProperty("max_ns").GetDouble(),
            p.Value.GetProperty("rounds").GetInt32(), p.Value.GetProperty("ops_per_round").GetInt64())).ToList();
        return new JavaScriptRun(root.GetProperty("node").GetString()!, root.GetProperty("package").GetString()!,
            root.GetProperty("options").GetString()!, measurements);
    }

    private static string RunScript(string mode, string packageFolder, string[] extra, TimeSpan timeout)
    {
        var r = RunNode([Script, mode, packageFolder, .. extra], CodecSamples.JavaScriptObjectsJson(), timeout);
        if (r.ExitCode != 0)
        {
            throw new CodecBenchmarkException($"msgpack_codec_bench.mjs {mode} failed (exit {r.ExitCode}): {r.Err.Trim()}");
        }
        return r.Out;
    }

    private sealed record Result(int ExitCode, string Out, string Err);

    private static Result RunNode(string[] arguments, string? stdin, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (Win32Exception e)
        {
            throw new CodecBenchmarkException(
                $"node could not be started ({e.Message}): bench codec runs @msgpack/msgpack under Node.js for its comparison; install Node.js 18 or later with npm (apt-get install nodejs npm) and put node on PATH");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new CodecBenchmarkException($"node {string.Join(' ', arguments.Take(2).Select(Path.GetFileName))} did not finish in {timeout.TotalSeconds:0} s");
            }
            return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}
