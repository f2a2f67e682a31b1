using System.Globalization;
using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Bridge.Handshake;

/// <summary>
/// Compares a robot's <see cref="Hello"/> with what the policy expects, field by field in Hello's order (joints,
/// sensor terms, control period), and names the first difference. Joints must match the policy's action names one
/// for one, in order: target i drives joint i, so a robot with more joints exposes only the policy's through its
/// bridge. Sensor terms must match the policy's observation terms by name and by values per frame, in order;
/// history is the runtime's job, so the robot sends each term once per frame. Names compare exactly (ordinal).
/// </summary>
public static class HelloCheck
{
    /// <summary>
    /// How far the robot's control period may be from the policy's: a robot states its period in whole
    /// nanoseconds and the bundle in (binary) seconds, and a timer a microsecond off is still the same loop.
    /// </summary>
    public const double ControlPeriodToleranceSeconds = 1e-6;

    /// <summary>Throws <see cref="HelloMismatchException"/> naming the first mismatch, if any.</summary>
    public static void Verify(Hello hello, ExpectedRobot expected)
    {
        if (FindFirstMismatch(hello, expected) is { } mismatch)
        {
            throw new HelloMismatchException(hello.RobotName, mismatch);
        }
    }

    /// <summary>The first mismatch in words, or null when the robot matches.</summary>
    public static string? FindFirstMismatch(Hello hello, ExpectedRobot expected)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(expected);
        return JointMismatch(hello.JointNames, expected.JointNames)
            ?? SensorMismatch(hello.SensorTerms, expected.SensorTerms)
            ?? PeriodMismatch(hello.ControlPeriodSeconds, expected.ControlPeriodSeconds);
    }

    private static string? JointMismatch(IReadOnlyList<string> robot, IReadOnlyList<string> policy)
    {
        for (int i = 0; i < Math.Min(robot.Count, policy.Count); i++)
        {
            if (!string.Equals(robot[i], policy[i], StringComparison.Ordinal))
            {
                return $"joint {i} is '{robot[i]}'; the policy expects '{policy[i]}'";
            }
        }
        if (robot.Count > policy.Count)
        {
            return $"the robot has {robot.Count} joints; the policy expects {policy.Count} (joint {policy.Count}, '{robot[policy.Count]}', is not one of the policy's)";
        }
        if (robot.Count < policy.Count)
        {
            return $"the robot has {robot.Count} joints; the policy expects {policy.Count} (joint {robot.Count}, '{policy[robot.Count]}', is missing)";
        }
        return null;
    }

    private static string? SensorMismatch(IReadOnlyList<SensorTerm> robot, IReadOnlyList<SensorTerm> policy)
    {
        for (int i = 0; i < Math.Min(robot.Count, policy.Count); i++)
        {
            if (!string.Equals(robot[i].Name, policy[i].Name, StringComparison.Ordinal))
            {
                return $"sensor term {i} is '{robot[i].Name}'; the policy expects '{policy[i].Name}'";
            }
            if (robot[i].Size != policy[i].Size)
            {
                return $"sensor term '{robot[i].Name}' has {robot[i].Size} values; the policy expects {policy[i].Size}";
            }
        }
        if (robot.Count > policy.Count)
        {
            return $"the robot has {robot.Count} sensor terms; the policy expects {policy.Count} (sensor term {policy.Count}, '{robot[policy.Count].Name}', is not one of the policy's)";
        }
        if (robot.Count < policy.Count)
        {
            return $"the robot has {robot.Count} sensor terms; the policy expects {policy.Count} (sensor term {robot.Count}, '{policy[robot.Count].Name}', is missing)";
        }
        return null;
    }

    private static string? PeriodMismatch(double robotSeconds, double policySeconds) =>
        Math.Abs(robotSeconds - policySeconds) <= ControlPeriodToleranceSeconds
            ? null
            : $"control period {Seconds(robotSeconds)} s; the policy expects {Seconds(policySeconds)} s";

    private static string Seconds(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
