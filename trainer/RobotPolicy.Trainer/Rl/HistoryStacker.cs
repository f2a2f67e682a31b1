namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// Stacks the last <see cref="History"/> student frames of every env into the policy input, frame-major, oldest
/// first, and fills the history with the first frame of an episode: exactly the bundle's "frame_major" layout with
/// "repeat_first" initialisation, so the deployed runtime stacks what the policy saw in training.
/// </summary>
public sealed class HistoryStacker
{
    private readonly float[] _ring;   // [numEnvs, history, frameDim]
    private readonly int[] _newest;    // per env: slot of the newest frame

    public HistoryStacker(int numEnvs, int frameDim, int history)
    {
        if (history < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(history), $"history must be at least 1, got {history}");
        }
        NumEnvs = numEnvs;
        FrameDim = frameDim;
        History = history;
        _ring = new float[numEnvs * history * frameDim];
        _newest = new int[numEnvs];
    }

    public int NumEnvs { get; }

    public int FrameDim { get; }

    public int History { get; }

    public int StackedDim => FrameDim * History;

    /// <summary>Starts every env's history from these frames ([numEnvs, frameDim]).</summary>
    public void Reset(ReadOnlySpan<float> frames)
    {
        for (int e = 0; e < NumEnvs; e++)
        {
            ResetEnv(e, frames.Slice(e * FrameDim, FrameDim));
        }
    }

    /// <summary>
    /// Pushes the frames observed after a step. Envs whose episode just ended (and were auto-reset) start a fresh
    /// history from their new frame.
    /// </summary>
    public void Push(ReadOnlySpan<float> frames, ReadOnlySpan<bool> episodeStarted)
    {
        for (int e = 0; e < NumEnvs; e++)
        {
            var frame = frames.Slice(e * FrameDim, FrameDim);
            if (episodeStarted[e])
            {
                ResetEnv(e, frame);
            }
            else
            {
                _newest[e] = (_newest[e] + 1) % History;
                frame.CopyTo(_ring.AsSpan((e * History + _newest[e]) * FrameDim, FrameDim));
            }
        }
    }

    /// <summary>Writes the stacked inputs, [numEnvs, History·FrameDim].</summary>
    public void Write(Span<float> destination)
    {
        for (int e = 0; e < NumEnvs; e++)
        {
            for (int h = 0; h < History; h++)
            {
                // Position h holds the frame (History − 1 − h) steps old.
                int slot = (_newest[e] - (History - 1 - h) + History) % History;
                _ring.AsSpan((e * History + slot) * FrameDim, FrameDim)
                    .CopyTo(destination.Slice(e * StackedDim + h * FrameDim, FrameDim));
            }
        }
    }

    private void ResetEnv(int e, ReadOnlySpan<float> frame)
    {
        for (int h = 0; h < History; h++)
        {
            frame.CopyTo(_ring.AsSpan((e * History + h) * FrameDim, FrameDim));
        }
        _newest[e] = History - 1;
    }
}
