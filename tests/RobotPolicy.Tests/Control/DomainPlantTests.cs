using RobotPolicy.SimRobot;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>A domain as the HIL probe robot's physics: what it announces, how actions move it, and that it allocates nothing per frame.</summary>
public class DomainPlantTests
{
    [MuJoCoFact]
    public void The_arm_announces_its_joints_and_steps_without_allocating()
    {
        var plant = new DomainPlant("mujoco-arm", seed: 3);
        var hello = plant.HelloAt(1_000_000);
        Assert.Equal("sim-mujoco-arm", hello.RobotName);
        Assert.Equal(2, hello.JointNames.Count);
        Assert.Equal(1_000_000, hello.ControlPeriodNanoseconds);
        var sensors = new float[hello.SensorValueCount];
        float[] torque = [0.5f, -0.5f];

        void Frames(int count)
        {
            for (int i = 0; i < count; i++)
            {
                plant.Command(torque);
                plant.Advance(sensors);
            }
        }

        Frames(500); // past tiered compilation and over two episode resets (200 frames each)
        Assert.Equal(2, plant.Episodes);
        Assert.True(double.IsFinite(plant.MeanReturn));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Frames(1000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains(sensors, v => v != 0);
    }

    [Fact]
    public void Actions_move_the_cart_pole_as_they_do_on_sim_robot()
    {
        // The same seed, pushed one way or the other for a few steps (a full push topples the pole, and a new
        // episode starts, within a dozen): the cart's position (sensor 0) goes with the push.
        var left = new DomainPlant("cartpole", seed: 1);
        var right = new DomainPlant("cartpole", seed: 1);
        var a = new float[2];
        var b = new float[2];
        for (int i = 0; i < 4; i++)
        {
            left.Command([-1f]);
            left.Advance(a);
            right.Command([1f]);
            right.Advance(b);
        }
        Assert.True(b[0] > a[0], $"cart at {b[0]} pushed right, {a[0]} pushed left");
    }
}
