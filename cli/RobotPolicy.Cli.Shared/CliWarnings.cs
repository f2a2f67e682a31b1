using Spectre.Console;

namespace RobotPolicy.Cli;

/// <summary>
/// Warnings go to stderr, like errors, so stdout stays the command's output (a table, JSON) when it is piped or
/// redirected; yellow only where stderr is a terminal.
/// </summary>
internal static class CliWarnings
{
    private static readonly IAnsiConsole Stderr = Output.TerminalOutput.For(Console.Error, Console.IsErrorRedirected);

    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    /// <summary>Writes "warning: TEXT" (plain text, not markup) to stderr and the log.</summary>
    public static void Write(string text)
    {
        Log.Warn(text);
        Stderr.MarkupLine($"[yellow]warning:[/] {Markup.Escape(text)}");
    }
}
