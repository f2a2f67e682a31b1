using RobotPolicy.Bridge.Handshake;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.PolicyCheck;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge;

/// <summary>The runtime refuses a robot whose Hello does not match the bundle, naming the first mismatch.</summary>
public class HelloCheckTests
{
    private static PolicyMetadata ExampleMetadata => BundleFile.Read(Bundles.Example.Path).Metadata;

    /// <summary>What a robot built for the example policy says: action names as joints, each term's per-frame size, 20 ms.</summary>
    private static Hello MatchingHello(PolicyMetadata metadata) => new(
        "quadruped-sim",
        [.. metadata.Action.Names],
        [.. metadata.Observation.Terms.Select(t => new SensorTerm(t.Name, t.Dim))],
        controlPeriodNanoseconds: 20_000_000);

    private static string Mismatch(Func<Hello, Hello> change)
    {
        PolicyMetadata metadata = ExampleMetadata;
        var error = Assert.Throws<HelloMismatchException>(() => PolicyHelloCheck.Verify(change(MatchingHello(metadata)), metadata));
        Assert.Equal($"the robot 'quadruped-sim' does not match the policy: {error.Mismatch}", error.Message);
        return error.Mismatch;
    }

    private static Hello With(Hello hello, IReadOnlyList<string>? joints = null, IReadOnlyList<SensorTerm>? sensors = null, long? periodNanoseconds = null) =>
        new(hello.RobotName, joints ?? hello.JointNames, sensors ?? hello.SensorTerms, periodNanoseconds ?? hello.ControlPeriodNanoseconds);

    [Fact]
    public void A_robot_that_sends_what_the_example_bundle_expects_passes()
    {
        PolicyMetadata metadata = ExampleMetadata;
        Hello hello = MatchingHello(metadata);

        PolicyHelloCheck.Verify(hello, metadata);
        // After a trip over the wire too, and with the period a fraction of a microsecond off.
        PolicyHelloCheck.Verify(Hello.Read(With(hello, periodNanoseconds: 20_000_900).ToArray()), metadata);
        Assert.Equal(48, hello.SensorValueCount);
        Assert.Equal(metadata.Observation.FrameDim, hello.SensorValueCount);
    }

    [Fact]
    public void The_expected_robot_is_action_names_as_joints_and_terms_without_their_history()
    {
        ExpectedRobot expected = PolicyHelloCheck.ExpectedRobot(ExampleMetadata);
        Assert.Equal(["FL_hip_joint", "FL_thigh_joint", "FL_calf_joint", "FR_hip_joint"], expected.JointNames.Take(4));
        Assert.Equal(12, expected.JointNames.Count);
        Assert.Equal(
            [new("base_lin_vel", 3), new("base_ang_vel", 3), new("projected_gravity", 3), new("velocity_command", 3),
             new("joint_pos", 12), new("joint_vel", 12), new SensorTerm("last_action", 12)],
            expected.SensorTerms);
        Assert.Equal(0.02, expected.ControlPeriodSeconds);
    }

    [Fact]
    public void A_misnamed_or_misplaced_joint_is_named_with_its_place()
    {
        Assert.Equal("joint 3 is 'FR_hip'; the policy expects 'FR_hip_joint'",
            Mismatch(h => With(h, joints: h.JointNames.Select((j, i) => i == 3 ? "FR_hip" : j).ToList())));
        Assert.Equal("joint 2 is 'FR_hip_joint'; the policy expects 'FL_calf_joint'", Mismatch(h =>
        {
            var joints = h.JointNames.ToList();
            (joints[2], joints[3]) = (joints[3], joints[2]);
            return With(h, joints: joints);
        }));
        Assert.Equal("joint 0 is 'fl_hip_joint'; the policy expects 'FL_hip_joint'",
            Mismatch(h => With(h, joints: [h.JointNames[0].ToLowerInvariant(), .. h.JointNames.Skip(1)])));
    }

    [Fact]
    public void Extra_and_missing_joints_are_named()
    {
        Assert.Equal("the robot has 13 joints; the policy expects 12 (joint 12, 'arm_joint', is not one of the policy's)",
            Mismatch(h => With(h, joints: [.. h.JointNames, "arm_joint"])));
        Assert.Equal("the robot has 11 joints; the policy expects 12 (joint 11, 'RR_calf_joint', is missing)",
            Mismatch(h => With(h, joints: [.. h.JointNames.Take(11)])));
    }

    [Fact]
    public void A_sensor_term_of_another_size_or_name_is_named()
    {
        Assert.Equal("sensor term 'base_ang_vel' has 6 values; the policy expects 3",
            Mismatch(h => With(h, sensors: h.SensorTerms.Select(t => t.Name == "base_ang_vel" ? t with { Size = 6 } : t).ToList())));
        // A robot that stacks history itself sends dim × history values: refused, history is the runtime's job.
        Assert.Equal("sensor term 'base_lin_vel' has 9 values; the policy expects 3",
            Mismatch(h => With(h, sensors: h.SensorTerms.Select(t => t with { Size = t.Size * 3 }).ToList())));
        Assert.Equal("sensor term 2 is 'imu'; the policy expects 'projected_gravity'",
            Mismatch(h => With(h, sensors: h.SensorTerms.Select((t, i) => i == 2 ? t with { Name = "imu" } : t).ToList())));
    }

    [Fact]
    public void Extra_and_missing_sensor_terms_are_named()
    {
        Assert.Equal("the robot has 8 sensor terms; the policy expects 7 (sensor term 7, 'foot_contact', is not one of the policy's)",
            Mismatch(h => With(h, sensors: [.. h.SensorTerms, new SensorTerm("foot_contact", 4)])));
        Assert.Equal("the robot has 6 sensor terms; the policy expects 7 (sensor term 6, 'last_action', is missing)",
            Mismatch(h => With(h, sensors: [.. h.SensorTerms.Take(6)])));
    }

    [Fact]
    public void Another_control_period_is_named_in_seconds()
    {
        Assert.Equal("control period 0.01 s; the policy expects 0.02 s", Mismatch(h => With(h, periodNanoseconds: 10_000_000)));
        Assert.Equal("control period 0.020002 s; the policy expects 0.02 s", Mismatch(h => With(h, periodNanoseconds: 20_002_000)));
    }

    [Fact]
    public void Joints_are_checked_before_sensor_terms_and_the_period()
    {
        Assert.StartsWith("joint 0", Mismatch(h => new Hello(h.RobotName, ["x", .. h.JointNames.Skip(1)], [new SensorTerm("y", 1)], 1)), StringComparison.Ordinal);
        Assert.StartsWith("sensor term 0", Mismatch(h => With(h, sensors: [new SensorTerm("y", 1)], periodNanoseconds: 1)), StringComparison.Ordinal);
        Assert.Null(HelloCheck.FindFirstMismatch(MatchingHello(ExampleMetadata), PolicyHelloCheck.ExpectedRobot(ExampleMetadata)));
    }
}
