using RobotPolicy.Bundle;
using RobotPolicy.Control.Loop;

namespace RobotPolicy.Tests.Control;

/// <summary>A policy that writes whatever its script says, with a bundle's metadata: for the loop's edge cases.</summary>
internal sealed class ScriptedPolicy(PolicyMetadata metadata, Action<long, ReadOnlySpan<float>, Span<float>> script) : IControlPolicy
{
    private long _steps;

    public PolicyMetadata Metadata { get; } = metadata;

    public int FrameDim => Metadata.Observation.FrameDim;

    public int ActionDim => Metadata.Action.Names.Count;

    public int Resets { get; private set; }

    public void Reset() => Resets++;

    public void Step(ReadOnlySpan<float> frame, Span<float> actions) => script(_steps++, frame, actions);
}

/// <summary>
/// Wraps a policy and notes, at every step, how many bytes the calling (loop) thread has allocated so far: the
/// difference between two steps is everything the loop allocated in one whole cycle.
/// </summary>
internal sealed class AllocationProbe(IControlPolicy inner, int capacity) : IControlPolicy
{
    private readonly long[] _allocated = new long[capacity];

    public int Count { get; private set; }

    public PolicyMetadata Metadata => inner.Metadata;

    public int FrameDim => inner.FrameDim;

    public int ActionDim => inner.ActionDim;

    public void Reset() => inner.Reset();

    public void Step(ReadOnlySpan<float> frame, Span<float> actions)
    {
        if (Count < _allocated.Length)
        {
            _allocated[Count++] = GC.GetAllocatedBytesForCurrentThread();
        }
        inner.Step(frame, actions);
    }

    /// <summary>Whether some run of <paramref name="cycles"/> consecutive cycles allocated nothing at all.</summary>
    public bool SomeWindowAllocatesNothing(int cycles)
    {
        for (int start = 0; start + cycles < Count; start++)
        {
            if (_allocated[start + cycles] == _allocated[start])
            {
                return true;
            }
        }
        return false;
    }

    public long[] Deltas => [.. Enumerable.Range(1, Count - 1).Select(i => _allocated[i] - _allocated[i - 1])];
}
