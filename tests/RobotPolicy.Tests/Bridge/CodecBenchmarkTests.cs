using System.Reflection;
using BenchmarkDotNet.Attributes;
using RobotPolicy.Bridge.Benchmarks;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// The codec benchmark measures what it claims: each benchmark method writes and reads back the sample messages
/// exactly, again and again on the same buffers, without allocating, and the JavaScript side it is compared with
/// encodes the same objects to the same bytes. No timings are asserted here: the speed goals live in the benchmark.
/// </summary>
public class CodecBenchmarkTests
{
    private static readonly string[] Expected =
    [
        nameof(CodecBenchmarks.SensorFrame64_EncodeDecode), nameof(CodecBenchmarks.SensorFrame64_Encode),
        nameof(CodecBenchmarks.SensorFrame64_Decode), nameof(CodecBenchmarks.ActionFrame12_EncodeDecode),
        nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_StreamFramed), nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_Datagram),
    ];

    [Fact]
    public void The_benchmark_class_has_the_issues_benchmarks_and_a_memory_diagnoser()
    {
        var names = typeof(CodecBenchmarks).GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute))).Select(m => m.Name);
        Assert.Equal(Expected.Order(), names.Order());
        Assert.NotNull(typeof(CodecBenchmarks).GetCustomAttribute<MemoryDiagnoserAttribute>());
    }

    [Fact]
    public void Every_benchmark_decodes_exactly_what_was_encoded_on_every_call()
    {
        var bench = new CodecBenchmarks();
        float[] values = CodecSamples.SensorValues();
        float[] targets = CodecSamples.ActionTargets();
        byte[] message = CodecSamples.SensorMessage();
        Assert.Equal(CodecSamples.SensorValueCount, values.Length);
        Assert.All(values.Concat(targets), v => Assert.False(float.IsInteger(v), $"{v} is a whole number"));

        for (int call = 0; call < 3; call++)
        {
            bench.ClearBuffers();
            Assert.Equal(CodecSamples.SensorSequence, bench.SensorFrame64_EncodeDecode());
            Assert.Equal(values, bench.DecodedSensorValues.ToArray());

            bench.ClearBuffers();
            Assert.Equal(message.Length, bench.SensorFrame64_Encode());
            Assert.Equal(message, bench.EncodedSensorMessage[..message.Length].ToArray());
            var frame = SensorFrame.Read(bench.EncodedSensorMessage[..message.Length], new float[CodecSamples.SensorValueCount]);
            Assert.Equal(CodecSamples.SensorTimeNanoseconds, frame.RobotTimeNanoseconds);
            Assert.Equal(values, frame.Values.ToArray());

            bench.ClearBuffers();
            Assert.Equal(CodecSamples.SensorSequence, bench.SensorFrame64_Decode());
            Assert.Equal(values, bench.DecodedSensorValues.ToArray());

            bench.ClearBuffers();
            Assert.Equal(CodecSamples.ActionSequence, bench.ActionFrame12_EncodeDecode());
            Assert.Equal(targets, bench.DecodedActionTargets.ToArray());

            bench.ClearBuffers();
            Assert.Equal(CodecSamples.SensorSequence, bench.SensorFrame64_EncodeDecode_StreamFramed());
            Assert.Equal(values, bench.DecodedSensorValues.ToArray());

            bench.ClearBuffers();
            Assert.Equal(CodecSamples.SensorSequence, bench.SensorFrame64_EncodeDecode_Datagram());
            Assert.Equal(values, bench.DecodedSensorValues.ToArray());
        }

        var action = ActionFrame.Read(CodecSamples.ActionMessage(), new float[CodecSamples.ActionTargetCount]);
        Assert.Equal((CodecSamples.ActionReceivedNanoseconds, CodecSamples.ActionSentNanoseconds, ActionMode.Normal),
            (action.ReceivedNanoseconds, action.SentNanoseconds, action.Mode));
    }

    [Fact]
    public void The_benchmark_methods_allocate_nothing()
    {
        var bench = new CodecBenchmarks();
        ulong sum = RunAll(bench, 2000); // past the JIT's first tiers, whose compilations may allocate
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += RunAll(bench, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(0UL, sum);

        static ulong RunAll(CodecBenchmarks bench, int times)
        {
            ulong sum = 0;
            for (int i = 0; i < times; i++)
            {
                sum += bench.SensorFrame64_EncodeDecode() + bench.SensorFrame64_Decode() + bench.ActionFrame12_EncodeDecode()
                    + bench.SensorFrame64_EncodeDecode_StreamFramed() + bench.SensorFrame64_EncodeDecode_Datagram()
                    + (ulong)bench.SensorFrame64_Encode();
            }
            return sum;
        }
    }

    [NpmFact(JavaScriptPeer.PackageKey)]
    public void The_javascript_side_encodes_the_same_objects_to_the_same_bytes()
    {
        // Fetched the way `bench codec` fetches it: the scripts copied beside the assembly, the robotpolicy cache.
        string package = JavaScriptPeer.FetchPackage();
        var (sensor, action) = JavaScriptPeer.EncodedMessages(package);
        Assert.Equal(Convert.ToHexString(CodecSamples.SensorMessage()), Convert.ToHexString(sensor));
        Assert.Equal(Convert.ToHexString(CodecSamples.ActionMessage()), Convert.ToHexString(action));
    }

    [NpmFact(JavaScriptPeer.PackageKey)]
    public void The_javascript_side_times_every_operation_it_is_compared_on()
    {
        JavaScriptRun run = JavaScriptPeer.Measure(JavaScriptPeer.FetchPackage(), quick: true);
        Assert.Equal("@msgpack/msgpack 3.1.3", run.Package);
        Assert.Contains("forceFloat32: true", run.Options, StringComparison.Ordinal);
        Assert.Equal(Expected.Take(4).Order(), run.Measurements.Select(m => m.Name).Order());
        Assert.All(run.Measurements, m => Assert.True(m.MedianNs > 0 && m.Rounds > 0 && m.OperationsPerRound > 0, m.ToString()));
    }
}
