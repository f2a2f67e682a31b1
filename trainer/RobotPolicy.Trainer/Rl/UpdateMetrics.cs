namespace RobotPolicy.Trainer.Rl;

/// <summary>What one PPO update did and saw; one row of the metrics CSV/JSONL. The last three are the aligned
/// method's: its InfoNCE loss, the MI estimate log(batch) − InfoNCE (nats), and the teacher-student action
/// disagreement (see <see cref="AlignmentTerms"/>).</summary>
public sealed record UpdateMetrics(
    int Update,
    long EnvSteps,
    int EpisodesFinished,
    double MeanEpisodeReturn,
    double MeanEpisodeLength,
    double RecentReturn,
    float Entropy,
    float ApproxKl,
    float ClipFraction,
    float PolicyLoss,
    float ValueLoss,
    double LearningRate,
    int EpochsRun,
    double StepsPerSecond,
    double WallSeconds,
    double AlignmentLoss = double.NaN,
    double MutualInformation = double.NaN,
    double ActionDisagreement = double.NaN);
