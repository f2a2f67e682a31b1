using RobotPolicy.Bridge.Messages;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.SimRobot;

/// <summary>The Hello of a robot that is a trainer domain: its actions as joints, its student observation's terms as sensors.</summary>
internal static class RobotHello
{
    public static Hello For(IVectorEnv env, string robotName, long controlPeriodNanoseconds) =>
        new(robotName, ActionNames.For(env.ActionSpace),
            env.StudentObsTerms.Select(t => new SensorTerm(t.Name, t.Dim)).ToArray(), controlPeriodNanoseconds);
}
