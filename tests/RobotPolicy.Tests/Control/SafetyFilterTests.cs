using RobotPolicy.Bundle;
using RobotPolicy.Control.Safety;

namespace RobotPolicy.Tests.Control;

public class SafetyFilterTests
{
    private static ActionSpec Spec(float[]? rate = null, float[]? pose = null) => new()
    {
        Names = ["a", "b"],
        Scale = [1, 1],
        Offset = [0, 0],
        ClipLow = [-1, -2],
        ClipHigh = [1, 2],
        RateLimitPerSecond = rate,
        DefaultJointPositions = pose,
    };

    [Fact]
    public void Targets_outside_the_clip_range_are_clipped_and_reported()
    {
        var filter = new SafetyFilter(Spec(), 0.02, softStartSeconds: 0);
        var targets = new float[2];
        Assert.True(filter.Apply([5f, -5f], targets, out SafetyEvents events));
        Assert.Equal([1f, -2f], targets);
        Assert.Equal(SafetyEvents.Clipped, events);
    }

    [Fact]
    public void The_rate_limit_holds_each_step_to_rate_times_period()
    {
        var filter = new SafetyFilter(Spec(rate: [10f, 10f]), 0.02, softStartSeconds: 0);
        var targets = new float[2];
        filter.Apply([0f, 0f], targets, out _);
        Assert.True(filter.Apply([1f, -0.1f], targets, out SafetyEvents events));
        Assert.Equal(0.2f, targets[0], 6); // 10/s x 0.02 s
        Assert.Equal(-0.1f, targets[1], 6);
        Assert.Equal(SafetyEvents.RateLimited, events);
        filter.Apply([1f, -0.1f], targets, out _);
        Assert.Equal(0.4f, targets[0], 6);
    }

    [Fact]
    public void The_soft_start_ramps_linearly_from_the_default_pose_and_starts_over_on_restart()
    {
        var filter = new SafetyFilter(Spec(pose: [0.5f, 0f]), 0.02, softStartSeconds: 0.1); // 5 cycles
        var targets = new float[2];
        var seen = new List<float>();
        for (int i = 0; i < 7; i++)
        {
            filter.Apply([1f, 1f], targets, out SafetyEvents events);
            seen.Add(targets[1]);
            Assert.Equal(i < 4, (events & SafetyEvents.SoftStart) != 0);
        }
        Assert.Equal([0.2f, 0.4f, 0.6f, 0.8f, 1f, 1f, 1f], seen.Select(v => MathF.Round(v, 4)));
        filter.Restart();
        filter.Apply([1f, 1f], targets, out _);
        Assert.Equal(0.2f, targets[1], 4);
        Assert.Equal(0.6f, targets[0], 4); // 0.5 + 0.2 x (1 - 0.5)
    }

    [Fact]
    public void A_non_finite_output_is_refused_and_nothing_is_written()
    {
        var filter = new SafetyFilter(Spec(), 0.02, 0);
        var targets = new float[] { 7f, 7f };
        Assert.False(filter.Apply([float.NaN, 0f], targets, out _));
        Assert.False(filter.Apply([0f, float.PositiveInfinity], targets, out _));
        Assert.Equal([7f, 7f], targets);
    }

    [Fact]
    public void Hold_targets_are_the_pose_before_any_action_and_the_last_targets_after()
    {
        var withPose = new SafetyFilter(Spec(pose: [0.3f, 0.4f]), 0.02, 0);
        Assert.True(withPose.HasHoldTargets);
        Assert.Equal([0.3f, 0.4f], withPose.LastTargets.ToArray());
        var without = new SafetyFilter(Spec(), 0.02, 0);
        Assert.False(without.HasHoldTargets);
        without.Apply([0.1f, 0.2f], new float[2], out _);
        Assert.True(without.HasHoldTargets);
        Assert.Equal([0.1f, 0.2f], without.LastTargets.ToArray());
    }
}
