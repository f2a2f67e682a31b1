namespace RobotPolicy.Trainer.Rl;

/// <summary>Sums rewards per env into episode returns and keeps the most recent finished episodes.</summary>
public sealed class EpisodeTracker(int numEnvs, int window = 100)
{
    private readonly double[] _return = new double[numEnvs];
    private readonly int[] _length = new int[numEnvs];
    private readonly Queue<double> _recent = new();
    private double _sumReturns;
    private double _sumLengths;
    private int _finished;

    public void Record(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> ended)
    {
        for (int e = 0; e < _return.Length; e++)
        {
            _return[e] += rewards[e];
            _length[e]++;
            if (ended[e])
            {
                _sumReturns += _return[e];
                _sumLengths += _length[e];
                _finished++;
                _recent.Enqueue(_return[e]);
                if (_recent.Count > window)
                {
                    _recent.Dequeue();
                }
                _return[e] = 0;
                _length[e] = 0;
            }
        }
    }

    /// <summary>Episodes finished since the last call, their mean return and length; then starts counting anew.</summary>
    public (int Finished, double MeanReturn, double MeanLength) TakePeriod()
    {
        var result = (_finished, _finished > 0 ? _sumReturns / _finished : double.NaN, _finished > 0 ? _sumLengths / _finished : double.NaN);
        _finished = 0;
        _sumReturns = 0;
        _sumLengths = 0;
        return result;
    }

    /// <summary>Mean return of the last <c>window</c> finished episodes (NaN before the first).</summary>
    public double RecentMean => _recent.Count > 0 ? _recent.Average() : double.NaN;

    public void Clear()
    {
        Array.Clear(_return);
        Array.Clear(_length);
        _recent.Clear();
        TakePeriod();
    }
}
