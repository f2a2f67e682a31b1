using RobotPolicy.Bundle;

namespace RobotPolicy.Control.Safety;

/// <summary>
/// The last word on every target the runtime sends, in this order: a soft start (after each (re)start, targets
/// ramp linearly from the default pose to the policy's over <c>softStartSeconds</c>; only for bundles with default
/// joint positions), the metadata's rate limit (per second, applied per control period against the last target
/// sent), and the metadata's clip range (the graph clips too; this one holds whatever graph produced the numbers).
/// A non-finite policy output is never sent: <see cref="Apply"/> reports it and the caller sends the safe action.
/// Allocates nothing per call.
/// </summary>
public sealed class SafetyFilter
{
    private readonly float[] _low;
    private readonly float[] _high;
    private readonly float[]? _maxStep;
    private readonly float[]? _pose;
    private readonly float[] _last;
    private readonly int _softStartCycles;
    private bool _hasLast;
    private int _cyclesSinceStart;

    public SafetyFilter(ActionSpec action, double periodSeconds, double softStartSeconds)
    {
        ArgumentNullException.ThrowIfNull(action);
        int count = action.Names.Count;
        _low = action.ClipLow;
        _high = action.ClipHigh;
        _maxStep = action.RateLimitPerSecond?.Select(r => (float)(r * periodSeconds)).ToArray();
        _pose = action.DefaultJointPositions;
        _last = new float[count];
        _softStartCycles = _pose is null || softStartSeconds <= 0 ? 0 : Math.Max(1, (int)Math.Round(softStartSeconds / periodSeconds));
        if (_pose is not null)
        {
            _pose.CopyTo(_last, 0);
        }
    }

    /// <summary>The last targets sent, or the default pose before any; what <c>hold</c> holds.</summary>
    public ReadOnlySpan<float> LastTargets => _last;

    /// <summary>Whether there is anything to hold: targets were sent, or the bundle has a default pose.</summary>
    public bool HasHoldTargets => _hasLast || _pose is not null;

    /// <summary>Starts the soft start again (the robot said Hello, or sensors came back after the watchdog tripped).</summary>
    public void Restart()
    {
        _cyclesSinceStart = 0;
        _hasLast = false;
        // The ramp and the rate limit both start from the pose (when there is one), as the robot does after a restart.
        if (_pose is not null)
        {
            _pose.CopyTo(_last, 0);
        }
        else
        {
            Array.Clear(_last);
        }
    }

    /// <summary>
    /// Writes the targets to send for <paramref name="policy"/> into <paramref name="targets"/>. Returns false,
    /// writing nothing, when an output is NaN or infinite.
    /// </summary>
    public bool Apply(ReadOnlySpan<float> policy, Span<float> targets, out SafetyEvents events)
    {
        events = SafetyEvents.None;
        for (int i = 0; i < policy.Length; i++)
        {
            if (!float.IsFinite(policy[i]))
            {
                return false;
            }
        }
        float ramp = _cyclesSinceStart < _softStartCycles ? (float)(_cyclesSinceStart + 1) / _softStartCycles : 1f;
        if (ramp < 1f)
        {
            events |= SafetyEvents.SoftStart;
        }
        for (int i = 0; i < policy.Length; i++)
        {
            float target = policy[i];
            if (ramp < 1f)
            {
                target = _pose![i] + ramp * (target - _pose[i]);
            }
            if (_maxStep is not null && (_hasLast || _pose is not null))
            {
                float limited = Math.Clamp(target, _last[i] - _maxStep[i], _last[i] + _maxStep[i]);
                if (limited != target)
                {
                    events |= SafetyEvents.RateLimited;
                    target = limited;
                }
            }
            float clipped = Math.Clamp(target, _low[i], _high[i]);
            if (clipped != target)
            {
                events |= SafetyEvents.Clipped;
            }
            targets[i] = clipped;
            _last[i] = clipped;
        }
        _hasLast = true;
        if (_cyclesSinceStart < _softStartCycles)
        {
            _cyclesSinceStart++;
        }
        return true;
    }
}
