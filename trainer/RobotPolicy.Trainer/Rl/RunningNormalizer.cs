namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// Running mean and variance of observations (parallel Welford in double), used to normalize policy inputs during
/// training and exported as the bundle's in-graph normalizer: normalized = clip((x − mean) / std, −clip, clip),
/// std = √(var + eps). Frozen (no updates) while evaluating or after training.
/// </summary>
public sealed class RunningNormalizer
{
    private readonly double[] _mean;
    private readonly double[] _m2;

    public RunningNormalizer(int dim, float clip = 5f, double epsilon = 1e-8)
    {
        _mean = new double[dim];
        _m2 = new double[dim];
        Clip = clip;
        Epsilon = epsilon;
    }

    public int Dim => _mean.Length;

    public float Clip { get; }

    public double Epsilon { get; }

    public double Count { get; private set; }

    /// <summary>Folds a batch of rows ([rows, Dim], row-major) into the statistics.</summary>
    public void Update(ReadOnlySpan<float> batch)
    {
        int rows = batch.Length / Dim;
        if (rows == 0)
        {
            return;
        }
        for (int j = 0; j < Dim; j++)
        {
            double mean = 0;
            for (int r = 0; r < rows; r++)
            {
                mean += batch[r * Dim + j];
            }
            mean /= rows;
            double m2 = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = batch[r * Dim + j] - mean;
                m2 += d * d;
            }
            double total = Count + rows;
            double delta = mean - _mean[j];
            _mean[j] += delta * rows / total;
            _m2[j] += m2 + delta * delta * Count * rows / total;
        }
        Count += rows;
    }

    public float[] Mean => _mean.Select(m => (float)m).ToArray();

    /// <summary>√(var + eps) per dimension (population variance).</summary>
    public float[] Std => _m2.Select(m2 => (float)Math.Sqrt((Count > 0 ? m2 / Count : 1.0) + Epsilon)).ToArray();

    /// <summary>Writes clip((x − mean) / std) for every row of <paramref name="source"/>.</summary>
    public void Normalize(ReadOnlySpan<float> source, Span<float> destination) => NormalizeColumns(source, destination, 0, Dim);

    /// <summary>
    /// Normalizes rows that hold only columns [<paramref name="firstColumn"/>, firstColumn + width) of the vectors
    /// these statistics describe (e.g. the student's part of an aligned teacher's input).
    /// </summary>
    public void NormalizeColumns(ReadOnlySpan<float> source, Span<float> destination, int firstColumn, int width)
    {
        if (firstColumn < 0 || width < 1 || firstColumn + width > Dim)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"columns [{firstColumn}, {firstColumn + width}) are outside the {Dim} this normalizer has");
        }
        var mean = Mean;
        var std = Std;
        for (int i = 0; i < source.Length; i++)
        {
            int j = firstColumn + i % width;
            destination[i] = Math.Clamp((source[i] - mean[j]) / std[j], -Clip, Clip);
        }
    }

    /// <summary>State for checkpoints: mean, M2 and count, exactly.</summary>
    public (double[] Mean, double[] M2, double Count) State => ((double[])_mean.Clone(), (double[])_m2.Clone(), Count);

    public void Restore(double[] mean, double[] m2, double count)
    {
        if (mean.Length != Dim || m2.Length != Dim)
        {
            throw new ArgumentException($"normalizer state has {mean.Length} values; this normalizer has {Dim}");
        }
        mean.CopyTo(_mean, 0);
        m2.CopyTo(_m2, 0);
        Count = count;
    }
}
