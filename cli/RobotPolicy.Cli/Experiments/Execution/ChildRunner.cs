using System.Diagnostics;
using System.Globalization;
using RobotPolicy.Cli.Experiments.Plan;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>
/// Runs one planned run as a child robotpolicy process, so a crash (or a hang the user kills) takes down that run
/// only. Its stdout and stderr go to RUN/log.txt as they come, its NLog log to RUN/robotpolicy.log.
/// </summary>
/// <param name="threadsPerRun">Cores each child may use: the machine's cores shared among the parallel runs, so J
/// runs do not each start a thread per core. Results do not depend on it (the engine sums in a fixed order).</param>
internal sealed class ChildRunner(ExperimentPlan plan, int threadsPerRun)
{
    public async Task<ChildExit> RunAsync(PlannedRun run)
    {
        Directory.CreateDirectory(run.Directory);
        var arguments = plan.Arguments(run);
        // Appended, not replaced, and streamed, not written atomically: it is a log, and after a crash or a resume the
        // earlier attempts' output is what explains the run.
        await using var log = new StreamWriter(new FileStream(run.LogPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }

        Write($"# {DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)} robotpolicy {CommandLineText.Join(arguments)}");
        var psi = SelfProcess.StartInfo(arguments);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["ROBOTPOLICY_LOG_DIR"] = run.Directory;
        if (Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") is null)
        {
            psi.Environment["DOTNET_PROCESSOR_COUNT"] = threadsPerRun.ToString(CultureInfo.InvariantCulture);
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Write($"# could not start {psi.FileName}: {e.Message}");
            return new ChildExit(null, 0, e.Message);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync().ConfigureAwait(false);
        // The parameterless wait also waits for the last output lines to reach the handlers above.
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        Write($"# exit code {process.ExitCode} after {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        var exit = new ChildExit(process.ExitCode, seconds);
        RunRecord.Add(run.Directory, arguments, exit);
        return exit;
    }
}
