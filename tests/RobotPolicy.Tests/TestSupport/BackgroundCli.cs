using System.Diagnostics;
using System.Text;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// A `robotpolicy` process left running while a test does other things (a runtime waiting for its robot, a
/// simulated robot), with its output collected as it comes; stopped with SIGTERM (what systemd sends) or killed.
/// </summary>
internal sealed class BackgroundCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    public BackgroundCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" },
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"));
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Err
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails (with the output) after <paramref name="timeout"/>.</summary>
    public void WaitForOutput(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Out.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                Thread.Sleep(200);
                throw new Xunit.Sdk.XunitException($"'{text}' never appeared (exited: {_process.HasExited}).\nstdout:\n{Out}\nstderr:\n{Err}");
            }
            Thread.Sleep(20);
        }
    }

    /// <summary>The exit code, once the process has ended; fails after <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"did not exit within {timeout.TotalSeconds} s.\nstdout:\n{Out}\nstderr:\n{Err}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Asks the process to stop cleanly, as `kill` or systemd would.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Kills the process outright (SIGKILL): no chance to say anything.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    private static void Append(StringBuilder sink, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (sink)
        {
            sink.AppendLine(line);
        }
    }
}
