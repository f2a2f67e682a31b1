using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RobotPolicy.Trainer.Checkpoints;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>Reads the result files of `train` (summary.json) and `imitate` (imitation.json) as <see cref="RunOutcome"/>s.</summary>
internal static class RunOutcomeFiles
{
    /// <summary>summary.json's eval_return is the teacher's for a teacher or aligned run and the student's for an RL
    /// student; an aligned run adds its student's own return.</summary>
    public static RunOutcome ReadTrainSummary(string path)
    {
        var s = Read(path, CliJsonContext.Default.TrainSummary);
        return s.Agent == AgentNames.StudentRl
            ? new RunOutcome(null, s.EvalReturn, s.EnvSteps, s.WallSeconds)
            : new RunOutcome(s.EvalReturn, s.StudentReturn, s.EnvSteps, s.WallSeconds);
    }

    /// <summary>imitation.json's env_steps are the imitation's own (its teacher's are in the teacher's run); a file
    /// written before it counted them reads as none.</summary>
    public static RunOutcome ReadImitationSummary(string path)
    {
        var s = Read(path, CliJsonContext.Default.ImitationSummary);
        return new RunOutcome(s.TeacherReturn, s.StudentReturn, s.EnvSteps > 0 ? s.EnvSteps : null, s.WallSeconds > 0 ? s.WallSeconds : null);
    }

    private static T Read<T>(string path, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type) ?? throw new ResultFileException($"{path}: empty result file");
        }
        catch (JsonException e)
        {
            throw new ResultFileException($"{path}: not a readable result file ({e.Message})");
        }
    }
}
