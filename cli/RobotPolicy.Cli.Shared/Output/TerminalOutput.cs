using Spectre.Console;

namespace RobotPolicy.Cli.Output;

/// <summary>
/// How stdout is written: for a person at a terminal (colours, live progress, text wrapped at the window's width) or
/// for a file or a pipe (no escape codes, progress as plain lines, nothing wrapped: Spectre.Console would assume 80
/// columns and break paths and table cells across lines, which neither a reader nor grep can put back together).
/// NO_COLOR (https://no-color.org) turns colours off on a terminal too.
/// </summary>
internal static class TerminalOutput
{
    /// <summary>Width given to a file or pipe: wider than any line the commands write, so none is wrapped.</summary>
    private const int RedirectedWidth = 1000;

    /// <summary>Whether stdout is a terminal: live progress and window-width wrapping.</summary>
    public static bool IsInteractive { get; private set; } = !Console.IsOutputRedirected;

    /// <summary>Whether the user asked for no colour (NO_COLOR set and not empty).</summary>
    public static bool NoColor => Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };

    /// <summary>Sets up Spectre.Console's stdout console for where stdout goes; once, before a command writes.</summary>
    public static void Configure()
    {
        IsInteractive = !Console.IsOutputRedirected;
        AnsiConsole.Console = For(Console.Out, redirected: !IsInteractive);
    }

    /// <summary>A console writing to <paramref name="writer"/> (stdout or stderr) as that stream's destination allows.</summary>
    public static IAnsiConsole For(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected || NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }
        return console;
    }

    /// <summary>
    /// A stage heading: a rule across the window on a terminal; on a file or pipe one line ("== TEXT"), since a rule
    /// there would be a thousand dashes.
    /// </summary>
    public static void Heading(string markup)
    {
        if (IsInteractive)
        {
            AnsiConsole.Write(new Rule(markup).LeftJustified());
        }
        else
        {
            AnsiConsole.MarkupLine($"== {markup}");
        }
    }
}
