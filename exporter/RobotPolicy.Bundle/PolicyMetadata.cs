namespace RobotPolicy.Bundle;

/// <summary>
/// What a policy bundle (.onnx) says about itself, stored as JSON under <see cref="MetadataKey"/> in the
/// model's metadata_props. The runtime trusts the graph for numbers and this for meaning: which observation
/// terms go where, which joint each action drives, how fast to run, and where the policy came from.
/// </summary>
public sealed class PolicyMetadata
{
    /// <summary>The metadata_props key the JSON is stored under.</summary>
    public const string MetadataKey = "robotpolicy";

    /// <summary>
    /// The schema version this code writes and the newest it reads. 2: <see cref="WeightsSha256"/> covers the whole
    /// model (graph structure, every initializer whatever its encoding); 1: raw_data initializers only.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>Graph input holding the stacked, un-normalized observation, [batch, input_dim] float32.</summary>
    public const string ObservationInputName = "obs";

    /// <summary>Graph output holding the final (scaled, offset, clipped) actions, [batch, action_dim] float32.</summary>
    public const string ActionOutputName = "actions";

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>"feedforward" now; recurrent policies add explicit h_in/h_out later.</summary>
    public string PolicyKind { get; set; } = PolicyKinds.FeedForward;

    public required ObservationSpec Observation { get; set; }

    public required ActionSpec Action { get; set; }

    public required ControlSpec Control { get; set; }

    public Provenance Provenance { get; set; } = new();

    /// <summary>How the policy was trained; null in bundles that do not record it (optional in schema 1).</summary>
    public TrainingRecord? Training { get; set; }

    /// <summary>Which transforms the graph applies itself, so the deploy side never re-applies them.</summary>
    public InGraphProcessing Processing { get; set; } = new();

    /// <summary>
    /// SHA-256 (lowercase hex) over the model as stored, less its descriptive fields and metadata (schema 2; see
    /// ModelHash in the exporter's reader), or over the raw_data initializers (schema 1).
    /// </summary>
    public string WeightsSha256 { get; set; } = "";

    public ExportInfo Export { get; set; } = new();
}

public static class PolicyKinds
{
    public const string FeedForward = "feedforward";
}

/// <summary>Observation terms in the order the robot sends them, and how frames are stacked into the input.</summary>
public sealed class ObservationSpec
{
    public required List<ObservationTerm> Terms { get; set; }

    /// <summary><see cref="HistoryLayouts"/>: how the stacked input is laid out.</summary>
    public string HistoryLayout { get; set; } = HistoryLayouts.FrameMajor;

    /// <summary><see cref="HistoryInits"/>: what fills the history before enough frames have arrived.</summary>
    public string HistoryInit { get; set; } = HistoryInits.RepeatFirst;

    /// <summary>Values in one frame: the sum of the terms' dimensions.</summary>
    public int FrameDim => Terms.Sum(t => t.Dim);

    /// <summary>Values in the stacked graph input: each term's dimension times its history length.</summary>
    public int InputDim => Terms.Sum(t => t.Dim * t.History);

    /// <summary>Longest history of any term: how many frames the runtime must keep.</summary>
    public int MaxHistory => Terms.Count == 0 ? 0 : Terms.Max(t => t.History);
}

public sealed class ObservationTerm
{
    public required string Name { get; set; }

    public required int Dim { get; set; }

    /// <summary>Frames of this term in the input (1 = current frame only).</summary>
    public int History { get; set; } = 1;
}

/// <summary>
/// Layouts of the stacked observation. In both, frames run oldest first, newest last.
/// frame_major: [frame t-H+1: term0, term1, ...], ..., [frame t: term0, term1, ...]; every term has the same history H.
/// term_major: [term0: frame t-H0+1 ... frame t], [term1: frame t-H1+1 ... frame t], ...; histories may differ.
/// </summary>
public static class HistoryLayouts
{
    public const string FrameMajor = "frame_major";
    public const string TermMajor = "term_major";
    public static readonly string[] All = [FrameMajor, TermMajor];
}

/// <summary>How the history is filled at start or after a reset.</summary>
public static class HistoryInits
{
    /// <summary>Every slot holds the first frame received (what the trainer does at episode start).</summary>
    public const string RepeatFirst = "repeat_first";

    /// <summary>Slots not yet filled by a real frame hold zeros.</summary>
    public const string Zeros = "zeros";

    public static readonly string[] All = [RepeatFirst, Zeros];
}

/// <summary>Actions in output order, with the joint each one drives and the limits the graph applies.</summary>
public sealed class ActionSpec
{
    /// <summary>Joint (or actuator) names in action order.</summary>
    public required List<string> Names { get; set; }

    /// <summary>actions = clip(raw * scale + offset, clip_low, clip_high), applied inside the graph.</summary>
    public required float[] Scale { get; set; }

    public required float[] Offset { get; set; }

    public required float[] ClipLow { get; set; }

    public required float[] ClipHigh { get; set; }

    /// <summary>Largest change of an action per second, for the deploy side's rate limiter; null = unlimited.</summary>
    public float[]? RateLimitPerSecond { get; set; }

    /// <summary>Joint positions for soft start and safe hold; null when actions are not joint positions.</summary>
    public float[]? DefaultJointPositions { get; set; }

    /// <summary>PD gains for position-controlled joints; null where the robot does not take them.</summary>
    public float[]? Kp { get; set; }

    public float[]? Kd { get; set; }
}

public sealed class ControlSpec
{
    /// <summary>Seconds between policy steps on the robot.</summary>
    public required double PeriodSeconds { get; set; }

    /// <summary>Simulation steps per policy step during training (the physics period is period / decimation).</summary>
    public int Decimation { get; set; } = 1;
}

/// <summary>Where the policy came from, so a deployed file can be traced back to its training run.</summary>
public sealed class Provenance
{
    public string Domain { get; set; } = "";
    public string Method { get; set; } = "";
    public string Agent { get; set; } = "";
    public long? Seed { get; set; }
    public long? TrainingSteps { get; set; }
    public string? GitRevision { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Records that normalization and action post-processing live in the graph.</summary>
public sealed class InGraphProcessing
{
    /// <summary>True when the graph computes (obs - mean) / std itself.</summary>
    public bool ObservationNormalization { get; set; }

    /// <summary>Clip applied to the normalized observation, when any.</summary>
    public float? NormalizedObservationClip { get; set; }

    /// <summary>True when the graph applies action scale, offset and clip itself (always, for exported bundles).</summary>
    public bool ActionPostProcessing { get; set; } = true;
}

public sealed class ExportInfo
{
    public string Exporter { get; set; } = "";
    public string ExporterVersion { get; set; } = "";
    public int Opset { get; set; }
    public string CreatedUtc { get; set; } = "";
    public string SourceDescription { get; set; } = "";
}
