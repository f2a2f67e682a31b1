using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace RobotPolicy.Cli.Parsing;

/// <summary>
/// Parses and runs a command line the way the CLI promises: `help [command]` works as `[command] --help`, and a
/// line that does not parse is one line on stderr naming what is wrong and where help is, with exit 1, never the
/// help page followed by .NET type names.
/// </summary>
internal static partial class CommandLineRunner
{
    public static int Run(RootCommand root, string executable, string[] args)
    {
        Output.TerminalOutput.Configure();
        ParseResult parse = root.Parse(HelpAsOption(args));
        if (parse.Errors.Count == 0)
        {
            return parse.Invoke();
        }
        var problems = parse.Errors.Select(e => Plain(e.Message)).Distinct().ToList();
        if (problems.Count > 1)
        {
            // "no command given" beside "unknown command 'x'" says the same thing twice.
            problems.Remove(NoCommand);
        }
        Console.Error.WriteLine($"error: {string.Join("; ", problems)}; see `{CommandPath(parse, executable)} --help`");
        return CommandGuard.UserError;
    }

    /// <summary>`help` and `help train` become `--help` and `train --help`.</summary>
    public static string[] HelpAsOption(string[] args) =>
        args.Length > 0 && args[0] == "help" ? [.. args[1..], "--help"] : args;

    private const string NoCommand = "no command given";

    /// <summary>System.CommandLine's messages in a user's words: no .NET type names, no trailing full stop.</summary>
    public static string Plain(string message)
    {
        string text = message.TrimEnd('.');
        if (CannotParse().Match(text) is { Success: true } m)
        {
            return $"{m.Groups["option"].Value} '{m.Groups["value"].Value}' is not {TypeWords(m.Groups["type"].Value)}";
        }
        if (Required().Match(text) is { Success: true } r)
        {
            return $"{r.Groups["option"].Value} is required";
        }
        if (text == "Required command was not provided")
        {
            return NoCommand;
        }
        return ExpectedType().Replace(text, t => $"as {TypeWords(t.Groups["type"].Value)}")
            .Replace("Unrecognized command or argument", "unknown command or argument", StringComparison.Ordinal);
    }

    private static string TypeWords(string type) => RobotPolicy.Bundle.DotNetTypeWords.OfPrimitive(type) ?? "the kind of value it takes";

    private static string CommandPath(ParseResult parse, string executable)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command && command.Parent is not null; result = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }
        return string.Join(' ', [executable, .. names]);
    }

    // "Cannot parse argument 'abc' for option '--steps' as expected type 'System.Int64'."
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[\w.`\[\]]+)'$")]
    private static partial Regex CannotParse();

    // "Option '--out' is required."
    [GeneratedRegex(@"^Option '(?<option>[^']+)' is required$")]
    private static partial Regex Required();

    [GeneratedRegex(@"as expected type '(?<type>[\w.`\[\]]+)'")]
    private static partial Regex ExpectedType();
}
