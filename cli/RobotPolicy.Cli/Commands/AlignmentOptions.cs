using System.CommandLine;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// The aligned method's options for `train --agent aligned`. Every stop-gradient is a named factor (0 stops it,
/// 1 lets it through), so the ablations are settings: no masking (--rl-grad-into-encoder 1), no contrastive loss
/// (--contrastive-weight 0), alignment moving one side only (--align-grad-into-teacher 0 or --align-grad-into-student 0),
/// no head consistency (--head-consistency 0).
/// </summary>
internal sealed class AlignmentOptions
{
    private static readonly AlignmentConfig Defaults = new();

    private readonly Option<int> _embedding = new("--embedding-dim") { Description = "aligned: size of the shared embedding", DefaultValueFactory = _ => Defaults.EmbeddingDim };
    private readonly Option<float> _temperature = new("--temperature") { Description = "aligned: InfoNCE temperature", DefaultValueFactory = _ => Defaults.Temperature };
    private readonly Option<float> _coefficient = new("--alignment-coef") { Description = "aligned: weight of the alignment loss next to PPO's", DefaultValueFactory = _ => Defaults.Coefficient };
    private readonly Option<float> _contrastive = new("--contrastive-weight") { Description = "aligned: weight of InfoNCE in the alignment loss (0 = the no-contrastive ablation)", DefaultValueFactory = _ => Defaults.ContrastiveWeight };
    private readonly Option<float> _pull = new("--positive-pull") { Description = "aligned: weight of the direct positive-pair term mean |z_T - z_S|^2", DefaultValueFactory = _ => Defaults.PositivePull };
    private readonly Option<float> _headConsistency = new("--head-consistency") { Description = "aligned: weight of the term that trains the policy head to act on the student's embedding as on the teacher's (0 = off)", DefaultValueFactory = _ => Defaults.HeadConsistency };
    private readonly Option<float> _rlIntoEncoder = new("--rl-grad-into-encoder") { Description = "aligned: factor on the RL gradient into the teacher encoder (0 = masked; 1 = the no-masking ablation)", DefaultValueFactory = _ => Defaults.RlGradientIntoTeacherEncoder };
    private readonly Option<float> _alignIntoTeacher = new("--align-grad-into-teacher") { Description = "aligned: factor on the alignment gradient into the teacher encoder (0 = one-sided: only the student moves)", DefaultValueFactory = _ => Defaults.AlignGradIntoTeacherEncoder };
    private readonly Option<float> _alignIntoStudent = new("--align-grad-into-student") { Description = "aligned: factor on the alignment gradient into the student encoder (0 = one-sided: only the teacher moves)", DefaultValueFactory = _ => Defaults.AlignGradIntoStudentEncoder };

    private readonly Option<float?> _encoderLr = new("--encoder-lr") { Description = "aligned: the encoders' step size, held constant (default: the head's, on its schedule)" };

    private readonly Option<float> _klReward = new("--kl-reward") { Description = "sitt: the teacher's reward is r - this x KL(teacher || student)", DefaultValueFactory = _ => Defaults.KlRewardWeight };

    private static readonly AlignedImitationConfig ImitationDefaults = new();

    private readonly Option<string> _imitation = new("--imitation") { Description = $"aligned: the closing imitation phase: {string.Join(", ", ImitationMethods.All)} (sitt: none unless given)", DefaultValueFactory = _ => ImitationDefaults.Method };
    private readonly Option<int> _imitationIterations = new("--imitation-iterations") { Description = "aligned: rounds of the imitation phase", DefaultValueFactory = _ => ImitationDefaults.Iterations };
    private readonly Option<double> _imitationLr = new("--imitation-lr") { Description = "aligned: the imitation phase's learning rate", DefaultValueFactory = _ => ImitationDefaults.LearningRate };
    private readonly Option<int> _imitationEpochs = new("--imitation-epochs") { Description = "aligned: passes over each round's data in the imitation phase", DefaultValueFactory = _ => ImitationDefaults.Epochs };
    private readonly Option<bool> _trainHead = new("--imitation-trains-head") { Description = "aligned: let the imitation phase train the policy head too (default: frozen, only the student encoder learns)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _embedding, _temperature, _coefficient, _contrastive, _pull, _headConsistency, _rlIntoEncoder, _alignIntoTeacher, _alignIntoStudent, _encoderLr, _imitation, _imitationIterations, _imitationLr, _imitationEpochs, _trainHead, _klReward })
        {
            command.Options.Add(option);
        }
    }

    public AlignmentConfig Read(ParseResult parse) => new()
    {
        EmbeddingDim = parse.GetValue(_embedding),
        Temperature = parse.GetValue(_temperature),
        Coefficient = parse.GetValue(_coefficient),
        ContrastiveWeight = parse.GetValue(_contrastive),
        PositivePull = parse.GetValue(_pull),
        HeadConsistency = parse.GetValue(_headConsistency),
        RlGradientIntoTeacherEncoder = parse.GetValue(_rlIntoEncoder),
        AlignGradIntoTeacherEncoder = parse.GetValue(_alignIntoTeacher),
        AlignGradIntoStudentEncoder = parse.GetValue(_alignIntoStudent),
        EncoderLearningRate = parse.GetValue(_encoderLr),
        KlRewardWeight = parse.GetValue(_klReward),
    };

    /// <summary>
    /// The imitation phase's settings; null for --imitation none or 0 rounds. The SITT-style baseline trains its
    /// student during RL (L1 alignment), so unless asked it gets no closing phase: imitating a SITT teacher that
    /// still uses private information would put the gap back.
    /// </summary>
    /// <param name="numEnvs">The run's --num-envs: the phase steps as many environments as PPO did.</param>
    public AlignedImitationConfig? ReadImitation(ParseResult parse, string agent, int numEnvs)
    {
        bool given = parse.GetResult(_imitation) is { Implicit: false };
        string method = agent == AgentNames.Sitt && !given ? ImitationMethods.None : parse.GetValue(_imitation) ?? ImitationDefaults.Method;
        var config = new AlignedImitationConfig { Method = method, Iterations = parse.GetValue(_imitationIterations), LearningRate = parse.GetValue(_imitationLr), Epochs = parse.GetValue(_imitationEpochs), FreezeHead = !parse.GetValue(_trainHead), NumEnvs = numEnvs };
        config.Validate();
        return method == ImitationMethods.None || config.Iterations == 0 ? null : config;
    }
}
