using System.Runtime.InteropServices;
using RobotPolicy.MuJoCo.Native;

namespace RobotPolicy.MuJoCo;

/// <summary>
/// A compiled MuJoCo model (mjModel): its sizes, its time step, and the physical parameters a domain randomizes per
/// episode (body masses, joint damping, actuator gears), writable in place. Each copy (<see cref="Copy"/>) is
/// independent, so environments that draw their own physics each hold one.
/// </summary>
public sealed unsafe class MuJoCoModel : IDisposable
{
    private readonly MuJoCoHandle _handle;

    private MuJoCoModel(MuJoCoHandle handle) => _handle = handle;

    internal nint Pointer => _handle.DangerousGetHandle();

    /// <summary>Compiles MJCF text. MuJoCo reads models from files, so the text goes through a temporary file.</summary>
    public static MuJoCoModel FromXml(string mjcf)
    {
        ArgumentNullException.ThrowIfNull(mjcf);
        string file = Path.Combine(Path.GetTempPath(), $"robotpolicy-mjcf-{Environment.ProcessId}-{Guid.NewGuid():N}.xml");
        File.WriteAllText(file, mjcf);
        try
        {
            return FromFile(file, "the model text");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Compiles an MJCF file (with the files it includes, relative to it).</summary>
    public static MuJoCoModel FromFile(string path) => FromFile(path, path);

    private static MuJoCoModel FromFile(string path, string shownAs)
    {
        MuJoCoLibrary.EnsureAvailable();
        if (!File.Exists(path))
        {
            throw new MuJoCoModelException($"{shownAs}: MJCF file not found");
        }
        const int errorSize = 1000;
        byte* error = stackalloc byte[errorSize];
        error[0] = 0;
        nint model = MuJoCoApi.mj_loadXML(path, 0, error, errorSize);
        if (model == 0)
        {
            string why = Marshal.PtrToStringUTF8((nint)error)?.Trim() is { Length: > 0 } text ? text : "MuJoCo gave no reason";
            throw new MuJoCoModelException($"{shownAs}: MuJoCo cannot load this model: {why.ReplaceLineEndings(" ")}");
        }
        return new MuJoCoModel(new MuJoCoHandle(model, MuJoCoApi.mj_deleteModel));
    }

    /// <summary>An independent copy (its own parameters).</summary>
    public MuJoCoModel Copy() => new(new MuJoCoHandle(MuJoCoApi.mj_copyModel(0, Pointer), MuJoCoApi.mj_deleteModel));

    public int Nq => Int(Layout222.ModelNq);

    public int Nv => Int(Layout222.ModelNv);

    public int Nu => Int(Layout222.ModelNu);

    public int BodyCount => Int(Layout222.ModelNbody);

    public int JointCount => Int(Layout222.ModelNjnt);

    public int SensorDataLength => Int(Layout222.ModelNsensordata);

    /// <summary>The physics time step, seconds (opt.timestep).</summary>
    public double Timestep
    {
        get => *(double*)(Pointer + Layout222.ModelTimestep);
        set => *(double*)(Pointer + Layout222.ModelTimestep) = value;
    }

    /// <summary>Each body's mass, kg (body_mass, [nbody]; body 0 is the world).</summary>
    public Span<double> BodyMass => Array(Layout222.ModelBodyMass, BodyCount);

    /// <summary>Each body's principal moments of inertia about its centre of mass, kg·m² (body_inertia, [nbody × 3]).</summary>
    public Span<double> BodyInertia => Array(Layout222.ModelBodyInertia, BodyCount * 3);

    /// <summary>Each degree of freedom's damping, N·m·s/rad for a hinge (dof_damping, [nv]).</summary>
    public Span<double> DofDamping => Array(Layout222.ModelDofDamping, Nv);

    /// <summary>Each actuator's six gear values (actuator_gear, [nu × 6]); the first scales its force.</summary>
    public Span<double> ActuatorGear => Array(Layout222.ModelActuatorGear, Nu * 6);

    /// <summary>The id of the named object of a type (<see cref="MuJoCoApi"/>'s Object* constants).</summary>
    internal int IdOf(int type, string name, string kind)
    {
        int id = MuJoCoApi.mj_name2id(Pointer, type, name);
        return id >= 0 ? id : throw new MuJoCoModelException($"the model has no {kind} named '{name}'");
    }

    public int BodyId(string name) => IdOf(MuJoCoApi.ObjectBody, name, "body");

    public int JointId(string name) => IdOf(MuJoCoApi.ObjectJoint, name, "joint");

    public int ActuatorId(string name) => IdOf(MuJoCoApi.ObjectActuator, name, "actuator");

    public void Dispose() => _handle.Dispose();

    private int Int(int offset) => *(int*)(Pointer + offset);

    private Span<double> Array(int offset, int length) => new((void*)*(nint*)(Pointer + offset), length);
}
