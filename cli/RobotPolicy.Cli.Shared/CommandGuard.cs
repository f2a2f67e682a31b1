using NLog;
using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint;
using RobotPolicy.Checkpoint.Safetensors;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Cli;

/// <summary>
/// Runs a command's body and turns what can go wrong into exit codes: a user's mistake (bad file, bad value)
/// is one line on stderr and exit 1; anything else is a bug, reported as such with the log file to look at.
/// </summary>
internal static partial class CommandGuard
{
    public const int UserError = 1;
    public const int InternalError = 70;

    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    /// <summary>
    /// The user's mistakes in the commands only one executable has (robotpolicy: export, sim-robot, bench codec),
    /// beyond the shared ones below; that executable sets it once, before any command runs.
    /// </summary>
    public static Func<Exception, bool> MoreUserErrors { get; set; } = static _ => false;

    public static int Run(string command, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Log.Warn("{Command} failed: {Message}", command, e.Message);
            Console.Error.WriteLine($"error: {UserMessage(e.Message)}");
            return UserError;
        }
        catch (Exception e)
        {
            Log.Error(e, "{Command} crashed", command);
            Console.Error.WriteLine($"internal error in '{command}': {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine($"This is a bug in robotpolicy; the log has the details: {LogFiles.Current}");
            return InternalError;
        }
    }

    /// <summary>A message for a person: .NET's " (Parameter 'name')" suffix of an argument error taken off.</summary>
    public static string UserMessage(string message) => ParameterSuffix().Replace(message, "");

    [System.Text.RegularExpressions.GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial System.Text.RegularExpressions.Regex ParameterSuffix();

    private static bool IsUserError(Exception e) => e is BundleFormatException or PolicySessionException
        or CheckpointFormatException or SafetensorsFormatException or CliUsageException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException
        or RobotPolicy.Control.Loop.ControlLoopException
        or RobotPolicy.Control.Telemetry.TelemetryLogException || MoreUserErrors(e);
}

/// <summary>A command-line value that parsed but makes no sense (the message says which and why).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
