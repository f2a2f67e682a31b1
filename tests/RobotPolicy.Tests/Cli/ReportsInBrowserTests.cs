using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>The HTML reports open in a real browser (headless chromium): the page loads, its charts are there, it renders.</summary>
public class ReportsInBrowserTests
{
    [BrowserFact]
    public void The_latency_report_opens_in_chromium_with_its_three_charts()
    {
        using var dir = new TemporaryDirectory();
        var bench = CliProcess.Run("bench", "hil", Bundles.Example.Path, "--rate", "200", "--duration", "1", "--transport", "inprocess", "--no-cyclictest", "--out", dir.Path);
        Assert.True(bench.ExitCode == 0, bench.Out + bench.Err);
        string html = Path.Combine(dir.Path, "hil.html");

        string dom = HeadlessBrowser.DumpDom(html);
        Assert.Contains("<title>bench hil: example.onnx at 200 Hz over inprocess</title>", dom);
        Assert.Equal(3, CountOf(dom, "<svg"));
        Assert.Equal(3 + 2 + 3, CountOf(dom, "<polyline")); // histogram 2 lines, percentiles 3, timeline 3
        Assert.Contains("sensor → action at the robot", dom);

        byte[] png = HeadlessBrowser.Screenshot(html);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 20_000, $"a {png.Length}-byte screenshot: the page rendered next to nothing");
    }

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
