namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>Arguments as one line a POSIX shell would split back into the same arguments (for logs and the report).</summary>
internal static class CommandLineText
{
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:+@".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
