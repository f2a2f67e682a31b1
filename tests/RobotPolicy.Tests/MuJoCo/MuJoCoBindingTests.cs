using RobotPolicy.MuJoCo;
using RobotPolicy.MuJoCo.Native;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Domains.MuJoCoArm;

namespace RobotPolicy.Tests.MuJoCo;

/// <summary>The MuJoCo binding reads and writes the fields it claims to, and says what is wrong in one line.</summary>
public class MuJoCoBindingTests
{
    [MuJoCoFact]
    public void Every_field_offset_is_the_one_mujoco_h_gives()
    {
        // The oracle is the C compiler: offsetof() of each field, compiled against Debian's mujoco.h.
        using var dir = new TemporaryDirectory();
        string source = "#include <stdio.h>\n#include <stddef.h>\n#include <mujoco/mujoco.h>\nint main(void) {\n"
            + string.Concat(Layout222.All.Select(f => $"  printf(\"%zu\\n\", offsetof({f.Struct}, {f.Field}));\n"))
            + "  printf(\"%d\\n\", mj_version());\n  return 0;\n}\n";
        File.WriteAllText(dir.File("offsets.c"), source);
        var compile = ChildProcess.Run("cc", [dir.File("offsets.c"), "-o", dir.File("offsets"), "-lmujoco"], TimeSpan.FromMinutes(1));
        Assert.True(compile.ExitCode == 0, compile.Err);
        var run = ChildProcess.Run(dir.File("offsets"), [], TimeSpan.FromMinutes(1));
        string[] lines = run.Out.Trim().Split('\n');
        Assert.Equal(Layout222.All.Count + 1, lines.Length);
        for (int i = 0; i < Layout222.All.Count; i++)
        {
            var (structName, field, offset) = Layout222.All[i];
            Assert.True(int.Parse(lines[i].Trim(), System.Globalization.CultureInfo.InvariantCulture) == offset,
                $"{structName}.{field}: the binding reads offset {offset}, mujoco.h puts it at {lines[i].Trim()}");
        }
        Assert.Equal(Layout222.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[^1].Trim());
        Assert.Equal(Layout222.Version, MuJoCoLibrary.Version);
    }

    [MuJoCoFact]
    public void The_arm_model_has_the_sizes_and_names_the_domain_uses()
    {
        using var model = MuJoCoModel.FromXml(ArmModel.Mjcf);
        Assert.Equal((2, 2, 2), (model.Nq, model.Nv, model.Nu));
        Assert.Equal(4, model.BodyCount); // the world, the upper arm, the forearm and the payload
        Assert.Equal(3, model.SensorDataLength);
        Assert.Equal(0.002, model.Timestep);
        Assert.Equal(0.5, model.BodyMass[model.BodyId("payload")], 12);
        Assert.Equal([40.0, 20.0], new[] { model.ActuatorGear[0], model.ActuatorGear[6] });
        Assert.Equal(0.1, model.DofDamping[model.JointId("elbow")], 12);
        var e = Assert.Throws<MuJoCoModelException>(() => model.BodyId("gripper"));
        Assert.Equal("the model has no body named 'gripper'", e.Message);
    }

    [MuJoCoFact]
    public void A_model_mujoco_refuses_is_one_line_with_mujocos_reason()
    {
        var e = Assert.Throws<MuJoCoModelException>(() => MuJoCoModel.FromXml("<mujoco><worldbody><geom type='sphere'/></worldbody></mujoco>"));
        Assert.StartsWith("the model text: MuJoCo cannot load this model: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<MuJoCoModelException>(() => MuJoCoModel.FromFile("/no/such/arm.xml"));
    }

    [MuJoCoFact]
    public void Payload_damping_and_strength_change_the_arm_as_physics_says()
    {
        // From horizontal and at rest, the same motor command held for 0.2 s.
        static ArmSimulation Arm(ArmParameters p)
        {
            var arm = new ArmSimulation();
            arm.Reset(p, shoulder: 0, elbow: 0, shoulderVelocity: 0, elbowVelocity: 0);
            return arm;
        }
        var nominal = new ArmParameters(PayloadMass: 0.5, Damping: 0.1, Strength: 1.0);
        double After(ArmParameters p, float command)
        {
            using var arm = Arm(p);
            for (int i = 0; i < 10; i++)
            {
                arm.Step([command, 0f]);
            }
            return arm.Shoulder;
        }
        // No torque: gravity swings the arm down (angles grow downwards).
        Assert.True(After(nominal, 0f) > 0.1, $"fell to {After(nominal, 0f)} rad");
        // Full upward torque lifts it; a heavier payload, weaker motors or more damping lift it less.
        double lifted = After(nominal, -1f);
        Assert.True(lifted < 0, $"lifted to {lifted} rad");
        Assert.True(After(nominal with { PayloadMass = 1.5 }, -1f) > lifted);
        Assert.True(After(nominal with { Strength = 0.7 }, -1f) > lifted);
        Assert.True(After(nominal with { Damping = 1.0 }, -1f) > lifted);
        // The tip sensor is where the links put it.
        using var arm = Arm(nominal);
        var (x, z) = arm.Tip;
        Assert.Equal(ArmModel.UpperArmLength + ArmModel.ForearmLength, x, 9);
        Assert.Equal(0, z, 9);
    }

    [Fact]
    public void A_missing_mujoco_is_one_line_naming_the_package()
    {
        using var dir = new TemporaryDirectory();
        var r = ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), "train", "--domain", "mujoco-arm", "--steps", "4096", "--out", dir.File("run")],
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["NO_COLOR"] = "1", [MuJoCoLibrary.PathVariable] = dir.File("no-libmujoco.so") });
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: MuJoCo cannot be loaded from {dir.File("no-libmujoco.so")} ({MuJoCoLibrary.PathVariable}): give the path of a MuJoCo 2.2.2 libmujoco.so, or unset it to use Debian's libmujoco-dev", r.Err.Trim());
        Assert.False(Directory.Exists(dir.File("run")), "the run folder was created");
    }

    [MuJoCoFact]
    public void Bench_mujoco_times_each_batch_next_to_mujoco_testspeed()
    {
        var r = CliProcess.Run("bench", "mujoco", "--envs", "1,8", "--seconds", "0.2", "--json");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        using var json = System.Text.Json.JsonDocument.Parse(r.Out);
        var batches = json.RootElement.GetProperty("batches").EnumerateArray().ToList();
        Assert.Equal([1, 8], batches.Select(b => b.GetProperty("num_envs").GetInt32()));
        Assert.All(batches, b => Assert.True(b.GetProperty("physics_steps_per_second").GetDouble() > 1000));
        Assert.True(json.RootElement.GetProperty("testspeed_one_thread").GetDouble() > 1000, r.Out);
        var bad = CliProcess.Run("bench", "mujoco", "--envs", "1,x");
        Assert.Equal("error: --envs 'x' is not a batch size (1..65536); give a comma-separated list such as 1,64,1024", bad.Err.Trim());
    }
}
