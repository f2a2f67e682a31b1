using System.Diagnostics;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Debian's Python packages (python3-onnx, later python3-torch) used as independent test oracles. They are
/// installed by tests/run.sh; a developer machine may lack them, CI may not (see <see cref="OracleFactAttribute"/>).
/// </summary>
internal static class PythonOracle
{
    // Debian's interpreter, not whatever python3 is first on PATH (pyenv and venvs do not see Debian's packages).
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Dictionary<string, string?> Missing = new(StringComparer.Ordinal);

    /// <summary>Why the module cannot be imported, or null when it can.</summary>
    public static string? WhyUnavailable(string module, string debianPackage)
    {
        lock (Missing)
        {
            if (!Missing.TryGetValue(module, out var why))
            {
                var (code, _, err) = TryRun($"import {module}", TimeSpan.FromSeconds(60));
                why = code == 0 ? null
                    : $"{Interpreter} cannot import {module} ({err.Trim().Split('\n').LastOrDefault()}); install Debian's {debianPackage} (tests/run.sh does)";
                Missing[module] = why;
            }
            return why;
        }
    }

    /// <summary>Runs a Python script; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) TryRun(string script, TimeSpan timeout, params string[] args)
    {
        if (!File.Exists(Interpreter))
        {
            return (127, "", $"{Interpreter} not found");
        }
        var psi = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return (124, stdout.Result, $"timed out after {timeout.TotalSeconds} s\n{stderr.Result}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Run(string script, params string[] args)
    {
        var (code, output, err) = TryRun(script, TimeSpan.FromMinutes(2), args);
        Assert.True(code == 0, $"python oracle failed (exit {code}):\n{err}\n{output}");
        return output;
    }
}

/// <summary>
/// A fact that needs a Python oracle module. Where the module is missing the test is reported as skipped with the
/// reason, except under CI (CI=true), where it runs and fails: CI must never skip an oracle.
/// </summary>
internal sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute(string module, string debianPackage)
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && PythonOracle.WhyUnavailable(module, debianPackage) is { } why)
        {
            Skip = why;
        }
    }
}
