using RobotPolicy.Bridge.Messages;
using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.SimRobot;

/// <summary>
/// Turns action frames into the domain's action, as a robot's actuators would. A box domain takes one target per
/// actuator, limited to its range; a discrete domain takes one target per option (the policy's logits) and does the
/// largest. <c>hold</c> keeps the targets it carries (or the current command when it carries none); <c>damping</c>
/// and <c>safe</c> brake: zero force limited to the range for a box, option 0 for a discrete domain, and the drivers'
/// damping mode where the domain has one (<see cref="IDampingMode"/>).
/// </summary>
internal sealed class Actuators
{
    private readonly ActionSpace _space;
    private readonly float[] _command;

    public Actuators(ActionSpace space)
    {
        _space = space;
        _command = new float[space.Dim];
        TargetCount = space.Discrete ? space.Count : space.Dim;
        Brake();
    }

    /// <summary>Targets an action frame must carry: the robot's joint count.</summary>
    public int TargetCount { get; }

    /// <summary>The domain action now applied, [ActionSpace.Dim].</summary>
    public ReadOnlySpan<float> Command => _command;

    /// <summary>Whether the last command was damping or safe (the robot is braking).</summary>
    public bool Braking { get; private set; }

    /// <summary>Before every step: the domain's drivers damp while braking, and obey the commands otherwise.</summary>
    public void ApplyDampingMode(IVectorEnv env)
    {
        if (env is IDampingMode damping)
        {
            damping.SetDamping(0, Braking);
        }
    }

    /// <summary>Applies one action frame; false (and nothing changes) when its targets are the wrong count for its mode.</summary>
    public bool Apply(ActionMode mode, ReadOnlySpan<float> targets)
    {
        switch (mode)
        {
            case ActionMode.Damping:
            case ActionMode.Safe:
                Brake();
                return true;
            case ActionMode.Hold when targets.Length == 0:
                return true;
        }
        if (targets.Length != TargetCount)
        {
            return false;
        }
        Braking = false;
        if (_space.Discrete)
        {
            int best = 0;
            for (int i = 1; i < targets.Length; i++)
            {
                if (targets[i] > targets[best])
                {
                    best = i;
                }
            }
            _command[0] = best;
            return true;
        }
        for (int i = 0; i < targets.Length; i++)
        {
            // NaN is not a force: it brakes that actuator.
            float target = float.IsNaN(targets[i]) ? 0f : targets[i];
            _command[i] = Math.Clamp(target, _space.Low[i], _space.High[i]);
        }
        return true;
    }

    private void Brake()
    {
        Braking = true;
        for (int i = 0; i < _command.Length; i++)
        {
            _command[i] = _space.Discrete ? 0f : Math.Clamp(0f, _space.Low[i], _space.High[i]);
        }
    }
}
