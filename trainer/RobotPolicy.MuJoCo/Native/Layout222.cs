namespace RobotPolicy.MuJoCo.Native;

/// <summary>
/// Byte offsets of the mjModel and mjData fields the binding reads, in MuJoCo 2.2.2 on 64-bit Linux (x86-64 and
/// arm64 lay the structs out alike). MuJoCo has no accessor functions for them, and the layout changes between
/// versions, so <see cref="MuJoCoLibrary"/> refuses any other version; a test compiles offsetof() against Debian's
/// mujoco.h and compares.
/// </summary>
internal static class Layout222
{
    public const int Version = 222;

    // mjModel: sizes (int), options, then the arrays (pointers).
    public const int ModelNq = 0, ModelNv = 4, ModelNu = 8, ModelNbody = 16, ModelNjnt = 20, ModelNsensordata = 224;
    public const int ModelTimestep = 232;
    public const int ModelBodyMass = 1240, ModelBodyInertia = 1256, ModelDofDamping = 1464, ModelActuatorGear = 2816;

    // mjData: the simulation time and the state, control and sensor arrays (pointers).
    public const int DataTime = 40336, DataQpos = 40376, DataQvel = 40384, DataCtrl = 40408, DataQfrcApplied = 40416, DataSensordata = 40472;

    /// <summary>Every offset by its C name, for the test that checks them against mujoco.h.</summary>
    public static IReadOnlyList<(string Struct, string Field, int Offset)> All { get; } =
    [
        ("mjModel", "nq", ModelNq), ("mjModel", "nv", ModelNv), ("mjModel", "nu", ModelNu), ("mjModel", "nbody", ModelNbody),
        ("mjModel", "njnt", ModelNjnt), ("mjModel", "nsensordata", ModelNsensordata), ("mjModel", "opt.timestep", ModelTimestep),
        ("mjModel", "body_mass", ModelBodyMass), ("mjModel", "body_inertia", ModelBodyInertia), ("mjModel", "dof_damping", ModelDofDamping), ("mjModel", "actuator_gear", ModelActuatorGear),
        ("mjData", "time", DataTime), ("mjData", "qpos", DataQpos), ("mjData", "qvel", DataQvel), ("mjData", "ctrl", DataCtrl),
        ("mjData", "qfrc_applied", DataQfrcApplied), ("mjData", "sensordata", DataSensordata),
    ];
}
