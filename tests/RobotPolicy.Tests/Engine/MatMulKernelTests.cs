using System.Runtime.Intrinsics;
using RobotPolicy.Trainer.Engine.Kernels;
using static RobotPolicy.Tests.Engine.MatMulReference;

namespace RobotPolicy.Tests.Engine;

public sealed class MatMulKernelTests
{
    private static readonly (bool TransposeA, bool TransposeB)[] Transposes = [(false, false), (true, false), (false, true), (true, true)];

    /// <summary>Odd and power-of-two-neighbour sizes: partial tiles in every direction, k past one k block.</summary>
    private static readonly (int M, int K, int N)[] AccuracyShapes =
    [
        (1, 1, 1), (1, 1, 7), (3, 7, 1), (7, 3, 17), (17, 1, 63), (63, 65, 129), (65, 129, 63), (129, 63, 65),
        (257, 17, 129), (1000, 7, 65), (65, 1000, 3), (3, 257, 1000), (1, 1000, 257), (1024, 48, 256),
    ];

    public static TheoryData<int, int, int, bool, bool> AccuracyCases()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (var (m, k, n) in AccuracyShapes)
        {
            foreach (var (transposeA, transposeB) in Transposes)
                data.Add(m, k, n, transposeA, transposeB);
        }
        return data;
    }

    /// <summary>The kernels this machine runs natively (a forced kernel without hardware support would be emulated).</summary>
    public static TheoryData<string> NativeKernels() => new(NativeKernelNames());

    private static string[] NativeKernelNames()
    {
        var names = new List<string> { nameof(MatMulIsa.Scalar) };
        if (Vector128.IsHardwareAccelerated)
            names.Add(nameof(MatMulIsa.Vector128));
        if (Vector256.IsHardwareAccelerated)
            names.Add(nameof(MatMulIsa.Vector256));
        if (Vector512.IsHardwareAccelerated)
            names.Add(nameof(MatMulIsa.Vector512));
        return [.. names];
    }

    [Theory]
    [MemberData(nameof(AccuracyCases))]
    public void Matches_a_double_precision_reference_within_the_float32_dot_product_bound(
        int m, int k, int n, bool transposeA, bool transposeB)
    {
        float[] a = RandomValues(m * k, seed: 1), b = RandomValues(k * n, seed: 2);
        var c = new float[m * n];

        MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB);

        var (expected, magnitude) = DoublePrecision(a, b, null, m, k, n, transposeA, transposeB);
        AssertWithinBound(c, expected, magnitude, k);
    }

    [Theory]
    [InlineData(65, 129, 63)]
    [InlineData(1000, 7, 65)]
    [InlineData(3, 300, 1000)]
    public void Accumulate_adds_the_product_to_what_c_holds(int m, int k, int n)
    {
        foreach (var (transposeA, transposeB) in Transposes)
        {
            float[] a = RandomValues(m * k, seed: 3), b = RandomValues(k * n, seed: 4), c0 = RandomValues(m * n, seed: 5);
            float[] c = (float[])c0.Clone();

            MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate: true);

            var (expected, magnitude) = DoublePrecision(a, b, c0, m, k, n, transposeA, transposeB);
            AssertWithinBound(c, expected, magnitude, k);
        }
    }

    [Fact]
    public void Without_accumulate_whatever_c_held_is_ignored_NaN_included()
    {
        const int m = 13, k = 300, n = 37;
        float[] a = RandomValues(m * k, seed: 6), b = RandomValues(k * n, seed: 7);
        var c = new float[m * n];
        Array.Fill(c, float.NaN);

        MatMulKernel.MatMul(a, b, c, m, k, n);

        Assert.Equal(SequentialFmaChain(a, b, null, m, k, n, false, false), c);
    }

    /// <summary>
    /// The determinism contract in its strongest form: every kernel width, with the work split any way, gives the
    /// bits of the one sequential fused-multiply-add chain per element. Shapes cover partial tiles, k beyond one k
    /// block (256) and n beyond one column block (1024). Operands live inside NaN-filled storage and c between
    /// sentinels, so a read or write outside the spans would show. Splits go by rows and by columns.
    /// </summary>
    [Theory]
    [MemberData(nameof(NativeKernels))]
    public void Every_kernel_and_every_split_gives_the_bits_of_the_sequential_fma_chain(string kernel)
    {
        var isa = Enum.Parse<MatMulIsa>(kernel);
        (int M, int K, int N)[] shapes = [(1, 1, 1), (7, 17, 65), (13, 300, 33), (65, 513, 129), (20, 40, 1100)];
        (int Tasks, bool SplitRows)[] splits = [(1, true), (2, true), (3, true), (7, true), (2, false), (3, false), (7, false)];
        const int guard = 64;
        const float sentinel = 12345.5f;

        foreach (var (m, k, n) in shapes)
        {
            float[] aStorage = Padded(RandomValues(m * k, seed: m + k), guard, float.NaN);
            float[] bStorage = Padded(RandomValues(k * n, seed: k + n), guard, float.NaN);
            float[] a = aStorage[guard..^guard], b = bStorage[guard..^guard];
            float[] c0 = RandomValues(m * n, seed: m * n);
            foreach (var (transposeA, transposeB) in Transposes)
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    float[] expected = SequentialFmaChain(a, b, accumulate ? c0 : null, m, k, n, transposeA, transposeB);
                    foreach (var (tasks, splitRows) in splits)
                    {
                        float[] cStorage = Padded(c0, guard, sentinel);
                        MatMulKernel.MatMul(
                            aStorage.AsSpan(guard, m * k), bStorage.AsSpan(guard, k * n), cStorage.AsSpan(guard, m * n),
                            m, k, n, transposeA, transposeB, accumulate, new MatMulSettings(isa, Tasks: tasks, SplitRows: splitRows));

                        string where = $"{kernel} {m}x{k}x{n} tA={transposeA} tB={transposeB} acc={accumulate} tasks={tasks} rows={splitRows}";
                        Assert.True(cStorage.AsSpan(0, guard).ToArray().All(x => x == sentinel), $"{where}: wrote before c");
                        Assert.True(cStorage.AsSpan(guard + m * n).ToArray().All(x => x == sentinel), $"{where}: wrote after c");
                        AssertSameBits(expected, cStorage.AsSpan(guard, m * n), where);
                    }
                }
            }
        }
    }

    /// <summary>The PPO shapes, large enough that the default settings go parallel on a multi-core machine.</summary>
    [Theory]
    [InlineData(1024, 256, 256, false, false)]
    [InlineData(1024, 48, 256, false, false)]
    [InlineData(256, 1024, 256, true, false)]
    [InlineData(1024, 256, 256, false, true)]
    [InlineData(1024, 256, 256, true, true)]
    public void Results_are_bit_identical_with_threads_forced_on_or_off_and_across_repeated_calls(
        int m, int k, int n, bool transposeA, bool transposeB)
    {
        float[] a = RandomValues(m * k, seed: 8), b = RandomValues(k * n, seed: 9);
        float[] Run(MatMulSettings settings)
        {
            var c = new float[m * n];
            MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate: false, settings);
            return c;
        }

        float[] singleThreaded = Run(new MatMulSettings(MaxThreads: 1));
        MatMulSettings[] variants =
        [
            new(), new(Tasks: 2), new(Tasks: 3), new(Tasks: 5), new(Tasks: 16),
            new(Tasks: 2, SplitRows: false), new(Tasks: 3, SplitRows: false), new(MaxThreads: 1),
        ];
        foreach (var settings in variants)
        {
            for (int repeat = 0; repeat < 2; repeat++)
                AssertSameBits(singleThreaded, Run(settings), $"{settings}, call {repeat + 1}");
        }
        var publicApi = new float[m * n];
        MatMulKernel.MatMul(a, b, publicApi, m, k, n, transposeA, transposeB);
        AssertSameBits(singleThreaded, publicApi, "public overload");
    }

    [Fact]
    public void Infinities_and_NaNs_reach_only_their_own_rows_and_columns()
    {
        const int m = 9, k = 20, n = 37; // partial row panel and partial column panel for every kernel
        float[] a = RandomValues(m * k, seed: 10), b = RandomValues(k * n, seed: 11);
        a[4 * k + 3] = float.NaN;           // row 4
        b[5 * n + 35] = float.PositiveInfinity; // column 35, in the last (partial) column panel
        foreach (string kernel in NativeKernelNames())
        {
            var c = new float[m * n];
            MatMulKernel.MatMul(a, b, c, m, k, n, false, false, false, new MatMulSettings(Enum.Parse<MatMulIsa>(kernel)));

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    bool poisoned = i == 4 || j == 35;
                    Assert.True(poisoned || float.IsFinite(c[i * n + j]), $"{kernel}: c[{i},{j}] = {c[i * n + j]}");
                }
            }
            AssertSameBits(SequentialFmaChain(a, b, null, m, k, n, false, false), c, kernel);
        }
    }

    [Fact]
    public void The_linear_layer_calls_in_the_docs_give_the_forward_pass_and_both_gradients()
    {
        const int batch = 33, inputs = 19, outputs = 7;
        float[] x = RandomValues(batch * inputs, seed: 12), w = RandomValues(outputs * inputs, seed: 13);
        float[] dy = RandomValues(batch * outputs, seed: 14);
        float[] y = new float[batch * outputs], dx = new float[batch * inputs], dw = new float[outputs * inputs];

        MatMulKernel.MatMul(x, w, y, batch, inputs, outputs, transposeB: true);       // y = x·Wᵀ
        MatMulKernel.MatMul(dy, w, dx, batch, outputs, inputs);                       // dX = dY·W
        MatMulKernel.MatMul(dy, x, dw, outputs, batch, inputs, transposeA: true);     // dW = dYᵀ·X

        for (int s = 0; s < batch; s++)
        {
            for (int o = 0; o < outputs; o++)
                Assert.Equal(Dot(inputs, p => x[s * inputs + p] * (double)w[o * inputs + p]), y[s * outputs + o], 1e-5);
            for (int i = 0; i < inputs; i++)
                Assert.Equal(Dot(outputs, o => dy[s * outputs + o] * (double)w[o * inputs + i]), dx[s * inputs + i], 1e-5);
        }
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < inputs; i++)
                Assert.Equal(Dot(batch, s => dy[s * outputs + o] * (double)x[s * inputs + i]), dw[o * inputs + i], 1e-5);
        }
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros_or_leaves_c_alone_when_accumulating()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        MatMulKernel.MatMul([], [], c, 2, 0, 3, accumulate: true);
        Assert.Equal([1f, 2, 3, 4, 5, 6], c);
        MatMulKernel.MatMul([], [], c, 2, 0, 3);
        Assert.Equal(new float[6], c);

        MatMulKernel.MatMul([], [1, 2, 3], [], 0, 1, 3); // no rows: nothing to do
        MatMulKernel.MatMul([1, 2], [], [], 2, 1, 0);    // no columns: nothing to do
    }

    [Fact]
    public void Wrong_lengths_are_rejected_with_the_shape_each_operand_needs()
    {
        float[] c = new float[3 * 5];
        var wrongA = Assert.Throws<ArgumentException>(() => MatMulKernel.MatMul(new float[11], new float[20], c, 3, 4, 5));
        Assert.Equal("a", wrongA.ParamName);
        Assert.StartsWith("a holds 11 values but op(A) is 3x4 (stored as [3, 4]), which needs 12.", wrongA.Message, StringComparison.Ordinal);

        var wrongATransposed = Assert.Throws<ArgumentException>(() => MatMulKernel.MatMul(new float[13], new float[20], c, 3, 4, 5, transposeA: true));
        Assert.StartsWith("a holds 13 values but op(A) is 3x4 (stored transposed as [4, 3]), which needs 12.", wrongATransposed.Message, StringComparison.Ordinal);

        var wrongB = Assert.Throws<ArgumentException>(() => MatMulKernel.MatMul(new float[12], new float[21], c, 3, 4, 5, transposeB: true));
        Assert.Equal("b", wrongB.ParamName);
        Assert.StartsWith("b holds 21 values but op(B) is 4x5 (stored transposed as [5, 4]), which needs 20.", wrongB.Message, StringComparison.Ordinal);

        var wrongC = Assert.Throws<ArgumentException>(() => MatMulKernel.MatMul(new float[12], new float[20], new float[16], 3, 4, 5));
        Assert.Equal("c", wrongC.ParamName);
        Assert.StartsWith("c holds 16 values but the result is [3, 5], which needs 15.", wrongC.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => MatMulKernel.MatMul([], [], [], -1, 0, 0));
        Assert.Equal("m", negative.ParamName);
    }

    [Fact]
    public void An_output_overlapping_an_input_is_rejected_before_anything_is_written()
    {
        float[] storage = RandomValues(40, seed: 15);
        float[] before = (float[])storage.Clone();

        var overA = Assert.Throws<ArgumentException>(() =>
            MatMulKernel.MatMul(storage.AsSpan(0, 12), new float[12], storage.AsSpan(10, 9), 3, 4, 3));
        Assert.Equal("c", overA.ParamName);
        Assert.StartsWith("c overlaps a", overA.Message, StringComparison.Ordinal);

        var overB = Assert.Throws<ArgumentException>(() =>
            MatMulKernel.MatMul(new float[12], storage.AsSpan(20, 12), storage.AsSpan(25, 9), 3, 4, 3));
        Assert.StartsWith("c overlaps b", overB.Message, StringComparison.Ordinal);
        Assert.Equal(before, storage);
    }

    [Fact]
    public void The_benchmark_reports_the_shape_and_a_positive_rate()
    {
        var measurement = MatMulBenchmark.Measure(17, 9, 33, transposeB: true, maxThreads: 1,
            warmupSeconds: 0.001, rounds: 3, secondsPerRound: 0.001);

        Assert.Equal((17, 9, 33, false, true, 1), (measurement.M, measurement.K, measurement.N, measurement.TransposeA, measurement.TransposeB, measurement.MaxThreads));
        Assert.Equal(2.0 * 17 * 9 * 33, measurement.FlopsPerCall);
        Assert.True(double.IsFinite(measurement.GFlops) && measurement.GFlops > 0, $"GFLOP/s {measurement.GFlops}");
        Assert.True(measurement.BestGFlops >= measurement.GFlops);
        Assert.Equal(MatMulKernel.BestIsa.ToString(), measurement.Kernel);
    }

    private static double Dot(int count, Func<int, double> term)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
            sum += term(i);
        return sum;
    }

    private static float[] Padded(float[] values, int guard, float fill)
    {
        var storage = new float[values.Length + 2 * guard];
        Array.Fill(storage, fill);
        values.CopyTo(storage, guard);
        return storage;
    }

    private static void AssertWithinBound(float[] actual, double[] expected, double[] magnitude, int k)
    {
        double worstRatio = 0;
        int worst = -1;
        for (int i = 0; i < actual.Length; i++)
        {
            double ratio = Math.Abs(actual[i] - expected[i]) / ErrorBound(k, magnitude[i]);
            if (double.IsNaN(ratio) || ratio > worstRatio)
            {
                worstRatio = ratio;
                worst = i;
                if (double.IsNaN(ratio))
                    break;
            }
        }
        Assert.True(worst < 0 || worstRatio <= 1,
            $"element {worst}: {actual[worst]} vs exact {expected[worst]}, error {worstRatio:F2} x the float32 bound");
    }

    private static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!SameBits(expected[i], actual[i]))
                Assert.Fail($"{where}: element {i} is {actual[i]:R}, the sequential chain gives {expected[i]:R}");
        }
    }
}
