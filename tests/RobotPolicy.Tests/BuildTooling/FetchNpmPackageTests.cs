using System.Text.Json.Nodes;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.BuildTooling;

/// <summary>
/// robot-bridge/js-peers/fetch-npm-package.mjs, the step that brings the JavaScript peers in: cached,
/// integrity-checked, and clear about what is wrong when npm is missing or a package does not match its pin. Uses a
/// small real package so the test stays fast.
/// </summary>
public class FetchNpmPackageTests
{
    private const string Spec = "is-number@7.0.0";
    private const string Integrity = "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==";

    private static string Script => Path.Combine(Repository.Root, "robot-bridge", "js-peers", "fetch-npm-package.mjs");


    private static string Manifest(TemporaryDirectory dir, string integrity)
    {
        var manifest = new JsonObject
        {
            ["packages"] = new JsonObject
            {
                ["probe"] = new JsonObject
                {
                    ["spec"] = Spec,
                    ["integrity"] = integrity,
                    ["extract"] = new JsonArray("package/index.js", "package/package.json"),
                    ["purpose"] = "test package",
                },
            },
        };
        string path = dir.File("manifest.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    private static (int Code, string Out, string Err) Fetch(string cache, string manifest, string? path = null,
        Dictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? []);
        if (path is not null)
        {
            env["PATH"] = path;
        }
        var r = ChildProcess.Run("node", [Script, "probe", cache, manifest], TimeSpan.FromMinutes(2), env);
        return (r.ExitCode, r.Out.Trim(), r.Err);
    }

    [Fact]
    public void Fetches_checks_extracts_and_then_serves_from_the_cache()
    {
        using var dir = new TemporaryDirectory();
        string manifest = Manifest(dir, Integrity);
        var first = Fetch(dir.File("cache"), manifest);
        Assert.True(first.Code == 0, first.Err);
        Assert.True(File.Exists(Path.Combine(first.Out, "package", "index.js")));

        // Second run: no npm needed at all, the extracted folder is reused.
        var second = Fetch(dir.File("cache"), manifest, path: dir.File("empty-path"));
        Assert.True(second.Code == 0, second.Err);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Integrity_mismatch_is_refused_and_the_tarball_deleted()
    {
        using var dir = new TemporaryDirectory();
        string wrong = "sha512-" + Convert.ToBase64String(new byte[64]);
        var r = Fetch(dir.File("cache"), Manifest(dir, wrong));
        Assert.Equal(1, r.Code);
        Assert.Contains($"error RP0001: {Spec}: integrity mismatch (expected {wrong}, got {Integrity}); the tarball was deleted", r.Err);
        Assert.Empty(Directory.GetFiles(dir.File("cache/npm/tarballs")));
    }

    [Fact]
    public void Missing_npm_is_a_clear_error()
    {
        using var dir = new TemporaryDirectory();
        // A PATH holding node alone: the script runs, npm is not there.
        string bin = dir.File("bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "node"), ResolveOnPath("node"));
        var r = Fetch(dir.File("cache"), Manifest(dir, Integrity), path: bin);
        Assert.Equal(1, r.Code);
        Assert.Contains($"error RP0001: npm is needed to fetch {Spec} (test package) but 'npm --version' failed", r.Err);
        Assert.Contains("Install Node.js with npm", r.Err);
    }

    [Fact]
    public void Unreachable_registry_is_a_clear_error()
    {
        using var dir = new TemporaryDirectory();
        // A closed port on loopback stands in for a machine without network; no retries, so it fails at once.
        var offline = new Dictionary<string, string>
        {
            ["npm_config_registry"] = "http://127.0.0.1:9/",
            ["npm_config_fetch_retries"] = "0",
            ["npm_config_cache"] = dir.File("npm-cache"),
            ["npm_config_offline"] = "false",
        };
        var r = Fetch(dir.File("cache"), Manifest(dir, Integrity), environment: offline);
        Assert.Equal(1, r.Code);
        Assert.Contains($"error RP0001: 'npm pack {Spec}' failed (is the npm registry reachable?)", r.Err);
    }

    private static string ResolveOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).First(File.Exists);
}
