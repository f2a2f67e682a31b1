using System.ComponentModel;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Python as an independent test oracle: stdlib-only scripts for file formats, and Debian's packages
/// (python3-onnx, later python3-torch) for models and gradients. tests/run.sh installs the Debian packages.
/// A test that needs one is an <see cref="OracleFactAttribute"/>: skipped with the reason on a machine without
/// it, but run (and failed) under CI, where an oracle must never be skipped.
/// </summary>
internal static class PythonOracle
{
    // Debian's interpreter, not whatever python3 is first on PATH (pyenv and venvs do not see Debian's packages).
    public const string Interpreter = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Dictionary<string, string?> Problems = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="module"/> cannot be imported, or null when it can.</summary>
    public static string? WhyUnavailable(string module, string debianPackage)
    {
        lock (Problems)
        {
            if (!Problems.TryGetValue(module, out var why))
            {
                try
                {
                    var (code, _, err) = Run($"import {module}", []);
                    why = code == 0 ? null
                        : $"{Interpreter} cannot import {module} ({err.Trim().Split('\n').LastOrDefault()}); install Debian's {debianPackage} (tests/run.sh does)";
                }
                catch (Win32Exception e)
                {
                    why = $"{Interpreter} could not be started ({e.Message}); install Debian's {debianPackage} (tests/run.sh does)";
                }
                Problems[module] = why;
            }
            return why;
        }
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> as sys.argv[1:], feeding <paramref name="stdin"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string script, IEnumerable<string> arguments, string stdin = "")
    {
        // -I: isolated mode, so PYTHONPATH and user site-packages cannot change what the oracle does
        // (Debian's dist-packages stay on the path).
        var r = ChildProcess.Run(Interpreter, ["-I", "-c", script, .. arguments], Timeout, stdin: stdin);
        return (r.ExitCode, r.Out, r.Err);
    }

    /// <summary>Runs a script that must succeed; returns its stdout.</summary>
    public static string RunChecked(string script, params string[] arguments)
    {
        var (code, output, err) = Run(script, arguments);
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
