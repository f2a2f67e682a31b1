using RobotPolicy.MuJoCo;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// One arm in MuJoCo: its own copy of the compiled model (the episode's payload, damping and strength are written
/// into it, and a shared model would give every copy the same physics) and its simulation. The MJCF is compiled once
/// per process; copies are cheap.
/// </summary>
public sealed class ArmSimulation : IDisposable
{
    private static readonly Lazy<MuJoCoModel> Compiled = new(() => MuJoCoModel.FromXml(ArmModel.Mjcf));

    private readonly MuJoCoModel _model;
    private readonly MuJoCoData _data;
    private readonly int _payload;
    private readonly double _payloadNominalMass;
    private readonly double[] _payloadNominalInertia = new double[3];
    private double _damping;

    /// <exception cref="MuJoCoUnavailableException">MuJoCo 2.2.2 is not installed.</exception>
    public ArmSimulation()
    {
        _model = Compiled.Value.Copy();
        _data = new MuJoCoData(_model);
        _payload = _model.BodyId(ArmModel.PayloadBody);
        _payloadNominalMass = _model.BodyMass[_payload];
        _model.BodyInertia.Slice(_payload * 3, 3).CopyTo(_payloadNominalInertia);
    }

    public double Shoulder => _data.Qpos[0];

    public double Elbow => _data.Qpos[1];

    public double ShoulderVelocity => _data.Qvel[0];

    public double ElbowVelocity => _data.Qvel[1];

    /// <summary>The tip's position in the arm's plane (the "tip" framepos sensor), m.</summary>
    public (double X, double Z) Tip => (_data.SensorData[0], _data.SensorData[2]);

    /// <summary>Starts an episode: the episode's physics into the model, the arm at the given pose and velocities.</summary>
    public void Reset(in ArmParameters parameters, double shoulder, double elbow, double shoulderVelocity, double elbowVelocity)
    {
        // The payload keeps its shape: inertia scales with mass.
        double scale = parameters.PayloadMass / _payloadNominalMass;
        _model.BodyMass[_payload] = parameters.PayloadMass;
        for (int i = 0; i < 3; i++)
        {
            _model.BodyInertia[_payload * 3 + i] = _payloadNominalInertia[i] * scale;
        }
        _damping = parameters.Damping;
        SetDriverDamping(null);
        _model.ActuatorGear[0] = ArmModel.NominalGear[0] * parameters.Strength;
        _model.ActuatorGear[6] = ArmModel.NominalGear[1] * parameters.Strength;
        _data.Reset();
        _data.Qpos[0] = shoulder;
        _data.Qpos[1] = elbow;
        _data.Qvel[0] = shoulderVelocity;
        _data.Qvel[1] = elbowVelocity;
        _data.Forward();
    }

    /// <summary>
    /// The motor drivers' damping mode: <paramref name="extra"/> N·m·s/rad per joint on top of the episode's damping
    /// while it is given, none when null.
    /// </summary>
    public void SetDriverDamping(double[]? extra)
    {
        _model.DofDamping[0] = _damping + (extra?[0] ?? 0);
        _model.DofDamping[1] = _damping + (extra?[1] ?? 0);
    }

    /// <summary>Holds the motor commands (each clamped to [-1, 1]) for one control period of physics steps.</summary>
    public void Step(ReadOnlySpan<float> action)
    {
        var ctrl = _data.Ctrl;
        for (int i = 0; i < ctrl.Length; i++)
        {
            ctrl[i] = Math.Clamp(action[i], -1f, 1f);
        }
        for (int k = 0; k < ArmTask.PhysicsStepsPerAction; k++)
        {
            _data.Step();
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        _model.Dispose();
    }
}
