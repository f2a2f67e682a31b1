using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// `bench first-step`: how long a fresh process takes from exec to its first policy step: the start-up cost of a
/// deployment build (NativeAOT or JIT), measured by the process itself. The exec time comes from the caller
/// (<c>--t0 $EPOCHREALTIME</c> in bash: the wall clock just before the exec), else from the kernel's process start
/// time, which Linux keeps in clock ticks (10 ms).
/// </summary>
internal static class FirstStepCommand
{
    private static long _mainEnteredTimestamp;
    private static DateTime _mainEnteredUtc;

    /// <summary>Called first thing in Main, so the report can split exec → Main from the command's own work.</summary>
    public static void MarkMainEntered()
    {
        _mainEnteredUtc = DateTime.UtcNow;
        _mainEnteredTimestamp = Stopwatch.GetTimestamp();
    }

    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "policy bundle (.onnx)" };
        var t0 = new Option<string?>("--t0") { Description = "wall-clock time of the exec in Unix seconds, e.g. bash's $EPOCHREALTIME (default: the kernel's process start time, 10 ms resolution)" };
        var sessionArgs = new SessionArguments();
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var command = new Command("first-step", "Time from exec to the first policy step completing: start-up, opening the session, one Step") { bundle, t0, json };
        foreach (var option in sessionArgs.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandGuard.Run("bench first-step", () =>
        {
            var result = Measure(parse.GetRequiredValue(bundle), sessionArgs.Read(parse), parse.GetValue(t0));
            Console.WriteLine(parse.GetValue(json) ? RuntimeJson.Serialize(result) : Describe(result));
            return 0;
        }));
        return command;
    }

    public static FirstStepResult Measure(string bundlePath, PolicySessionOptions options, string? t0)
    {
        long commandStart = Stopwatch.GetTimestamp();
        if (_mainEnteredTimestamp == 0)
        {
            MarkMainEntered();
        }
        using var session = PolicySession.Open(bundlePath, options);
        long opened = Stopwatch.GetTimestamp();
        var frame = new float[session.FrameDim];
        var actions = new float[session.ActionDim];
        session.Reset();
        session.Step(frame, actions);
        long stepped = Stopwatch.GetTimestamp();

        var (execUtc, clock) = t0 is null
            ? (Process.GetCurrentProcess().StartTime.ToUniversalTime(), "kernel process start time (10 ms resolution)")
            : (ParseUnixSeconds(t0), "--t0");
        double execToMain = (_mainEnteredUtc - execUtc).TotalMilliseconds;
        double mainToFirstStep = Stopwatch.GetElapsedTime(_mainEnteredTimestamp, stepped).TotalMilliseconds;
        return new FirstStepResult(
            Bundle: Path.GetFileName(bundlePath),
            Provider: session.Provider,
            ExecClock: clock,
            ExecToMainMs: Math.Round(execToMain, 3),
            MainToCommandMs: Math.Round(Stopwatch.GetElapsedTime(_mainEnteredTimestamp, commandStart).TotalMilliseconds, 3),
            OpenSessionMs: Math.Round(Stopwatch.GetElapsedTime(commandStart, opened).TotalMilliseconds, 3),
            FirstStepMs: Math.Round(Stopwatch.GetElapsedTime(opened, stepped).TotalMilliseconds, 3),
            ExecToFirstStepMs: Math.Round(execToMain + mainToFirstStep, 3),
            ActionsFinite: actions.All(float.IsFinite));
    }

    public static string Describe(FirstStepResult r) => string.Create(CultureInfo.InvariantCulture,
        $"first step of {r.Bundle} on {r.Provider}: {r.ExecToFirstStepMs:0.0} ms after exec (exec → Main {r.ExecToMainMs:0.0} ms, " +
        $"Main → command {r.MainToCommandMs:0.0} ms, open the session {r.OpenSessionMs:0.0} ms, first Step {r.FirstStepMs:0.00} ms; " +
        $"exec time from the {r.ExecClock}){(r.ActionsFinite ? "" : "; the actions are not finite")}");

    private static DateTime ParseUnixSeconds(string text)
    {
        // $EPOCHREALTIME uses the locale's decimal separator.
        if (!decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds) || seconds <= 0)
        {
            throw new CliUsageException($"--t0 '{text}' is not a time in Unix seconds (bash: --t0 $EPOCHREALTIME)");
        }
        return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}

/// <summary>What `bench first-step` measured, in milliseconds.</summary>
internal sealed record FirstStepResult(
    string Bundle, string Provider, string ExecClock, double ExecToMainMs, double MainToCommandMs, double OpenSessionMs,
    double FirstStepMs, double ExecToFirstStepMs, bool ActionsFinite);
