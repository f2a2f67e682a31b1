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

        byte[] png = HeadlessBrowser.Screenshot(html, width: 1400, height: 3200);
        Assert.True(png.Length > 20_000, $"a {png.Length}-byte screenshot: the page rendered next to nothing");

        // In a 1,400 px window each chart fills the page's width: its plot frame (grey #999, 890 of the chart's 1,000
        // drawing units) is drawn at least 1,000 px wide, and its text (13 units) is then at least 14 px tall.
        var image = PngImage.Decode(png);
        Assert.Equal(1400, image.Width);
        var frames = FrameEdges(image);
        Assert.True(frames.Count >= 3 * 2, $"found {frames.Count} plot-frame edges (top and bottom of three charts): {string.Join(", ", frames)}");
        int narrowest = frames.Min(f => f.Length);
        Assert.True(narrowest >= 1000, $"the narrowest chart frame is {narrowest} px wide in a 1,400 px window: {string.Join(", ", frames)}");
        double textPx = 13 * narrowest / 890.0;
        Assert.True(textPx >= 14, $"chart text renders at {textPx:0.#} px");
    }

    /// <summary>
    /// Rows holding a long horizontal run of the plot frame's grey (#999, or its anti-aliased blend with white),
    /// one per edge: (first row, run length). The grid lines (#ddd) and table borders (#ccc) are lighter.
    /// </summary>
    private static List<(int Row, int Length)> FrameEdges(PngImage image)
    {
        var edges = new List<(int Row, int Length)>();
        for (int y = 0; y < image.Height; y++)
        {
            int longest = 0;
            for (int x = 0, run = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                bool frameGrey = r is >= 110 and <= 200 && Math.Abs(r - g) < 8 && Math.Abs(g - b) < 8;
                run = frameGrey ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
            if (longest < 300)
            {
                continue;
            }
            if (edges.Count > 0 && y - edges[^1].Row <= 3)
            {
                edges[^1] = (edges[^1].Row, Math.Max(edges[^1].Length, longest));
            }
            else
            {
                edges.Add((y, longest));
            }
        }
        return edges;
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
