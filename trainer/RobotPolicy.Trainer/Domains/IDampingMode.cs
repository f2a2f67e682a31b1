namespace RobotPolicy.Trainer.Domains;

/// <summary>
/// A domain whose actuators have a damping mode, as a real robot's motor drivers do: while braking, each joint
/// resists its own motion. A simulated robot switches it on for the runtime's damping and safe commands, instead of
/// a zero command that would let an arm fall and swing under gravity.
/// </summary>
public interface IDampingMode
{
    /// <summary>Copy <paramref name="env"/>'s drivers damp (true) or obey the commands (false); called before every step.</summary>
    void SetDamping(int env, bool damping);
}
