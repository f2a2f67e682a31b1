using System.Globalization;
using System.Xml.Linq;

namespace RobotPolicy.Cli.GpuBench;

/// <summary>The `bench gpu` tables as one self-contained HTML page (inline CSS, no scripts, no URLs).</summary>
internal static class GpuReport
{
    private const string Style = "body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}"
        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
        + "td:first-child,th:first-child{text-align:left}.failed{color:#b42318}";

    public static string Html(GpuBenchResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var providers = new XElement("table",
            new XElement("tr", new[] { "configuration", "Step p50 µs", "Step p99 µs", "bare Run p50 µs", "bare Run p99 µs", "bytes per Step" }.Select(h => new XElement("th", h))),
            r.Providers.Select(row => row.Result is { } m
                ? new XElement("tr", new XElement("td", row.Configuration), Cell(m.Step.P50Us), Cell(m.Step.P99Us), Cell(m.BareOrtRun.P50Us), Cell(m.BareOrtRun.P99Us),
                    new XElement("td", m.AllocatedBytesPerStep.ToString("0.##", inv)))
                : new XElement("tr", new XElement("td", row.Configuration), new XElement("td", new XAttribute("colspan", 5), new XAttribute("class", "failed"), row.Failure))));
        var cpu = r.BatchSweeps.FirstOrDefault(s => s.Provider == "cpu");
        var cuda = r.BatchSweeps.FirstOrDefault(s => s.Provider == "cuda");
        var sweep = new XElement("table",
            new XElement("tr", new[] { "batch", "cpu p50 µs", "cuda p50 µs", "cpu observations/s", "cuda observations/s" }.Select(h => new XElement("th", h))),
            (cpu?.Batches ?? []).Select((c, i) => new XElement("tr", new XElement("td", c.Batch.ToString(inv)), Cell(c.Run.P50Us),
                cuda is not null && i < cuda.Batches.Count ? Cell(cuda.Batches[i].Run.P50Us) : new XElement("td", "-"),
                new XElement("td", c.ObservationsPerSecond.ToString("N0", inv)),
                new XElement("td", cuda is not null && i < cuda.Batches.Count ? cuda.Batches[i].ObservationsPerSecond.ToString("N0", inv) : "-"))));
        var body = new XElement("body",
            new XElement("h1", $"bench gpu: {Path.GetFileName(r.Bundle)}"),
            new XElement("p", $"GPU: {r.Gpu}. Machine: {r.Machine}."),
            new XElement("h2", "One observation per step"), providers,
            new XElement("h2", "Bare ONNX Runtime run by batch size"), sweep,
            new XElement("p", r.CudaOvertakesCpuAtBatch is int b ? $"CUDA is faster than the CPU from batch {b} on." : "CUDA was not faster than the CPU at any batch size measured."));
        var html = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head", new XElement("meta", new XAttribute("charset", "utf-8")), new XElement("title", "bench gpu"), new XElement("style", Style)), body);
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting);

        XElement Cell(double us) => new("td", us.ToString("0.0", inv));
    }
}
