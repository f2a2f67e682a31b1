using RobotPolicy.MuJoCo.Native;

namespace RobotPolicy.MuJoCo;

/// <summary>
/// One simulation of a <see cref="MuJoCoModel"/> (mjData): its time, state, controls and sensor readings as spans
/// over MuJoCo's own arrays (nothing is copied, and stepping allocates nothing).
/// </summary>
public sealed unsafe class MuJoCoData : IDisposable
{
    private readonly MuJoCoHandle _handle;

    public MuJoCoData(MuJoCoModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _handle = new MuJoCoHandle(MuJoCoApi.mj_makeData(model.Pointer), MuJoCoApi.mj_deleteData);
    }

    /// <summary>The model this simulates; its parameters may change between steps (a new episode's physics).</summary>
    public MuJoCoModel Model { get; }

    private nint Pointer => _handle.DangerousGetHandle();

    /// <summary>Simulated time, seconds.</summary>
    public double Time => *(double*)(Pointer + Layout222.DataTime);

    /// <summary>Joint positions ([nq]).</summary>
    public Span<double> Qpos => Array(Layout222.DataQpos, Model.Nq);

    /// <summary>Joint velocities ([nv]).</summary>
    public Span<double> Qvel => Array(Layout222.DataQvel, Model.Nv);

    /// <summary>Actuator controls ([nu]), applied by the next <see cref="Step"/>.</summary>
    public Span<double> Ctrl => Array(Layout222.DataCtrl, Model.Nu);

    /// <summary>Generalized forces applied from outside ([nv]), kept until changed.</summary>
    public Span<double> QfrcApplied => Array(Layout222.DataQfrcApplied, Model.Nv);

    /// <summary>The model's sensors' readings after the last step or <see cref="Forward"/> ([nsensordata]).</summary>
    public ReadOnlySpan<double> SensorData => Array(Layout222.DataSensordata, Model.SensorDataLength);

    /// <summary>Back to the model's initial state (qpos0, zero velocities and controls, time 0).</summary>
    public void Reset() => MuJoCoApi.mj_resetData(Model.Pointer, Pointer);

    /// <summary>Advances one physics time step.</summary>
    public void Step() => MuJoCoApi.mj_step(Model.Pointer, Pointer);

    /// <summary>Computes everything derived from the state (positions, sensors) without advancing time: after
    /// setting <see cref="Qpos"/> by hand.</summary>
    public void Forward() => MuJoCoApi.mj_forward(Model.Pointer, Pointer);

    public void Dispose() => _handle.Dispose();

    private Span<double> Array(int offset, int length) => new((void*)*(nint*)(Pointer + offset), length);
}
