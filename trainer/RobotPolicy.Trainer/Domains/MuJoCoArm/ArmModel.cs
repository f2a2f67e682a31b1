namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// The arm's MJCF: a planar two-link arm in the vertical x-z plane (hinges about y, so gravity loads the joints), a
/// payload sphere at the tip, torque motors, joint limits, and a table under it the arm can touch. Angles are from
/// the +x axis, positive turning the arm down (a right-handed rotation about +y).
/// </summary>
public static class ArmModel
{
    public const double UpperArmLength = 0.5;
    public const double ForearmLength = 0.4;

    /// <summary>Motor torque at |ctrl| = 1 and nominal strength, N·m (the actuators' gears).</summary>
    public static readonly double[] NominalGear = [40, 20];

    public const string PayloadBody = "payload";
    public static readonly string[] Joints = ["shoulder", "elbow"];

    /// <summary>
    /// Table top height, m: below the start poses, above the lowest the arm reaches (0.9 m), so a target near it
    /// can be reached with the tip touching down.
    /// </summary>
    public const double TableTop = -0.8;

    // Contacts: arm geoms (contype 2, conaffinity 1) touch the table (contype 1, conaffinity 2), never each other.
    public const string Mjcf = """
        <mujoco model="robotpolicy-arm">
          <compiler angle="radian"/>
          <option timestep="0.002" gravity="0 0 -9.81"/>
          <default>
            <joint type="hinge" axis="0 1 0" limited="true" range="-2.6 2.6" damping="0.1"/>
            <geom contype="2" conaffinity="1" friction="0.8 0.005 0.0001"/>
          </default>
          <worldbody>
            <geom name="table" type="box" pos="0.3 0 -0.85" size="1.2 0.3 0.05" contype="1" conaffinity="2"/>
            <body name="upper_arm" pos="0 0 0">
              <joint name="shoulder"/>
              <geom name="upper_arm" type="capsule" fromto="0 0 0 0.5 0 0" size="0.04" mass="1.0"/>
              <body name="forearm" pos="0.5 0 0">
                <joint name="elbow"/>
                <geom name="forearm" type="capsule" fromto="0 0 0 0.4 0 0" size="0.035" mass="0.6"/>
                <body name="payload" pos="0.4 0 0">
                  <geom name="payload" type="sphere" size="0.05" mass="0.5"/>
                  <site name="tip" pos="0 0 0" size="0.01"/>
                </body>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor name="shoulder_motor" joint="shoulder" gear="40" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="elbow_motor" joint="elbow" gear="20" ctrllimited="true" ctrlrange="-1 1"/>
          </actuator>
          <sensor>
            <framepos name="tip" objtype="site" objname="tip"/>
          </sensor>
        </mujoco>
        """;
}
