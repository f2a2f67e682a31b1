using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RobotPolicy.Bundle;
using RobotPolicy.Runtime.Diagnostics;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Runtime.Benchmarks;

/// <summary>One batch size's bare ONNX Runtime run: latency per run and observations per second.</summary>
public sealed record BatchMeasurement(int Batch, LatencySummary Run, double ObservationsPerSecond, double MicrosecondsPerObservation);

/// <summary>`bench infer --batch`: the same provider at several batch sizes, to show where a GPU overtakes the CPU.</summary>
public sealed record BatchBenchmarkResult(string Bundle, string Provider, IReadOnlyList<BatchMeasurement> Batches, string Machine);

/// <summary>
/// Runs the bundle's graph on batches of observations (the graph's batch dimension is symbolic): input and output
/// bound once per batch size in pinned host memory, as <see cref="PolicySession"/> binds a single observation.
/// </summary>
public static class BatchBenchmark
{
    public static BatchBenchmarkResult Run(PolicySession session, IReadOnlyList<int> batches, int runs, int warmup, IProgress<double>? progress = null)
    {
        var measurements = new List<BatchMeasurement>();
        var rng = new Random(42);
        for (int b = 0; b < batches.Count; b++)
        {
            int batch = batches[b];
            var input = GC.AllocateArray<float>(batch * session.InputDim, pinned: true);
            var output = GC.AllocateArray<float>(batch * session.ActionDim, pinned: true);
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)(rng.NextDouble() * 2 - 1);
            }
            using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(), [batch, session.InputDim]);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(), [batch, session.ActionDim]);
            using var binding = session.OrtSession.CreateIoBinding();
            using var runOptions = new RunOptions();
            binding.BindInput(PolicyMetadata.ObservationInputName, inputValue);
            binding.BindOutput(PolicyMetadata.ActionOutputName, outputValue);
            for (int i = 0; i < warmup; i++)
            {
                session.OrtSession.RunWithBinding(runOptions, binding);
            }
            var histogram = new LatencyHistogram();
            long total = 0;
            for (int i = 0; i < runs; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                session.OrtSession.RunWithBinding(runOptions, binding);
                long elapsed = Stopwatch.GetTimestamp() - t0;
                total += elapsed;
                histogram.Record(elapsed * 1_000_000_000L / Stopwatch.Frequency);
            }
            double seconds = (double)total / Stopwatch.Frequency;
            measurements.Add(new BatchMeasurement(batch, LatencySummary.From($"batch {batch}", histogram),
                runs * (double)batch / seconds, seconds * 1e6 / (runs * (double)batch)));
            progress?.Report((b + 1.0) / batches.Count);
        }
        return new BatchBenchmarkResult(session.Path, session.Provider, measurements, MachineDescription.Current);
    }
}
