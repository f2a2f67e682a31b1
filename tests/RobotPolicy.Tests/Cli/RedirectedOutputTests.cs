using RobotPolicy.Cli.Output;
using Spectre.Console;

namespace RobotPolicy.Tests.Cli;

/// <summary>Output for a file or a pipe: plain lines, progress once per task and 10%, nothing wrapped.</summary>
public class RedirectedOutputTests
{
    private static (IAnsiConsole Console, StringWriter Text) Redirected()
    {
        var text = new StringWriter();
        return (TerminalOutput.For(text, redirected: true), text);
    }

    [Fact]
    public void A_task_prints_when_it_starts_at_each_tenth_and_when_it_ends()
    {
        var (console, text) = Redirected();
        var board = new LineProgressBoard(console);
        var task = board.Add("train", maxValue: 200);
        for (int i = 0; i <= 200; i++)
        {
            task.Value = i;
            task.Value = i; // a value set again (a timer's tick) says nothing new
        }
        task.Stop();
        string[] lines = text.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["train: started", .. Enumerable.Range(1, 9).Select(t => $"train: {t * 10}%")], lines[..^1]);
        Assert.Matches(@"^train: done in \d+\.\d s$", lines[^1]);
    }

    [Fact]
    public void A_task_of_unknown_length_and_one_not_started_say_nothing()
    {
        var (console, text) = Redirected();
        var board = new LineProgressBoard(console);
        var busy = board.Add("a run", maxValue: 1, indeterminate: true);
        busy.Indeterminate(false);
        busy.Value = 1;
        busy.Stop();
        var later = board.Add("later", maxValue: 10, autoStart: false);
        later.Value = 5;
        Assert.Equal("", text.ToString());
        later.Start();
        later.Value = 10;
        Assert.StartsWith("later: started" + Environment.NewLine + "later: done in ", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_text_has_no_escape_codes_and_long_lines_stay_whole()
    {
        var (console, text) = Redirected();
        string path = "/a/very/long/path/" + string.Concat(Enumerable.Repeat("folder-name/", 30)) + "hil.html";
        console.MarkupLine($"[red]missed[/] [bold]{Markup.Escape(path)}[/]");
        Assert.Equal($"missed {path}{Environment.NewLine}", text.ToString());
    }
}
