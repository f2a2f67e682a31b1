using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Domains.MuJoCoArm;
using Xunit.Abstractions;

namespace RobotPolicy.Tests.Domains;

/// <summary>
/// The scripted controllers behind the arm's reference returns (the trained ones that set the best returns ran once,
/// for 2,000,000 steps each, too long for the suite): a teacher that knows
/// the payload, damping, strength and exact target; a student that only has its noisy sensors and the offset target
/// (an integral term finds what the payload and strength do, the offset it cannot find); and a copy of the teacher's
/// law without the teacher's knowledge (mid-range physics, no integral).
/// </summary>
public class MuJoCoArmReferenceTests(ITestOutputHelper output)
{
    private const int Episodes = 200;

    [MuJoCoFact]
    public void Scripted_controllers_give_the_documented_returns()
    {
        double teacher = ArmControllers.MeanReturn(ArmControllers.Teacher, Episodes, seed: 11);
        double student = ArmControllers.MeanReturn(ArmControllers.Student, Episodes, seed: 11);
        double copy = ArmControllers.MeanReturn(ArmControllers.CopyTeacher, Episodes, seed: 11);
        output.WriteLine($"teacher {teacher:0.00}, student {student:0.00}, copy of the teacher {copy:0.00}");
        var reference = MuJoCoArmReference.Returns;
        // The scripted figures the reference cites; the trained policies that set the best returns did better.
        Assert.True(teacher >= -7.7, $"scripted teacher {teacher:0.00}");
        Assert.True(teacher <= reference.BestTeacher, $"scripted teacher {teacher:0.00} beats the documented best {reference.BestTeacher}");
        Assert.True(Math.Max(student, copy) <= reference.BestStudent, $"scripted students {student:0.00}, {copy:0.00} beat the documented best {reference.BestStudent}");
        Assert.True(Math.Abs(copy - reference.CopyTeacher!.Value) < 0.5, $"copy of the teacher {copy:0.00} against the documented {reference.CopyTeacher}");
        // What the teacher knows is worth about 8 per episode to these controllers, nearly all of it the target's
        // offset, which no history shows: E|offset| = 0.03 m × sqrt(pi/2) ≈ 3.8 cm, over 200 steps ≈ 7.5.
        Assert.InRange(Math.Max(student, copy) - teacher, -9.5, -6.0);
    }
}
