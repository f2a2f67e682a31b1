using RobotPolicy.Bundle;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Keeps the last frames and writes the stacked graph input exactly as the bundle's metadata lays it out
/// (<see cref="StackedLayout"/>). Buffers are allocated once; <see cref="Push"/> and <see cref="WriteStacked"/>
/// allocate nothing.
/// </summary>
public sealed class ObservationHistory
{
    private readonly int _frameDim;
    private readonly int _capacity;
    private readonly float[] _ring;
    private readonly int[] _framesAgo;
    private readonly int[] _frameIndex;
    private readonly bool _repeatFirst;
    private int _newest = -1;
    private bool _empty = true;

    public ObservationHistory(ObservationSpec spec)
    {
        _frameDim = spec.FrameDim;
        _capacity = spec.MaxHistory;
        _ring = new float[_frameDim * _capacity];
        var slots = StackedLayout.Slots(spec);
        _framesAgo = slots.Select(s => s.FramesAgo).ToArray();
        _frameIndex = slots.Select(s => s.FrameIndex).ToArray();
        _repeatFirst = spec.HistoryInit == HistoryInits.RepeatFirst;
    }

    public int FrameDim => _frameDim;

    public int StackedDim => _framesAgo.Length;

    /// <summary>Forget all frames: the next frame starts a new episode.</summary>
    public void Reset()
    {
        _empty = true;
        _newest = -1;
        Array.Clear(_ring);
    }

    public void Push(ReadOnlySpan<float> frame)
    {
        if (_empty && _repeatFirst)
        {
            for (int slot = 0; slot < _capacity; slot++)
            {
                frame.CopyTo(_ring.AsSpan(slot * _frameDim, _frameDim));
            }
        }
        _empty = false;
        _newest = (_newest + 1) % _capacity;
        frame.CopyTo(_ring.AsSpan(_newest * _frameDim, _frameDim));
    }

    public void WriteStacked(Span<float> stacked)
    {
        for (int k = 0; k < stacked.Length; k++)
        {
            int slot = _newest - _framesAgo[k];
            if (slot < 0)
            {
                slot += _capacity;
            }
            stacked[k] = _ring[slot * _frameDim + _frameIndex[k]];
        }
    }
}
