using RobotPolicy.Bundle;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// Reads the policy that each kind of run deploys out of its trainer: a PPO actor (teacher or student-rl), the
/// aligned method's student, or an imitation (DAgger/BC) student. Students read their own terms stacked
/// frame-major, oldest first, first frame repeated: what the trainer's history stacker feeds them.
/// </summary>
internal static class TrainedPolicies
{
    /// <param name="imitationEnvSteps">An aligned run's closing imitation phase's steps, recorded with PPO's.</param>
    public static TrainedPolicy FromPpo(PpoTrainer trainer, string domain, string? gitRevision, long imitationEnvSteps = 0)
    {
        if (trainer.IsRecurrent)
        {
            throw new NotSupportedException("a GRU student cannot be written for export yet: policy bundles have no recurrent state (h_in/h_out)");
        }
        return trainer.Config.Alignment is null ? PpoActor(trainer, domain, gitRevision) : AlignedStudent(trainer, domain, gitRevision, trainer.EnvSteps + imitationEnvSteps);
    }

    // What PpoTrainer.Evaluate runs: the actor on the normalized actor input.
    private static TrainedPolicy PpoActor(PpoTrainer trainer, string domain, string? gitRevision)
    {
        var env = trainer.Env;
        bool teacher = trainer.Agent == AgentKind.Teacher;
        List<ObservationTerm> terms = teacher
            ? [new ObservationTerm { Name = "privileged", Dim = env.TeacherObsDim, History = 1 }]
            : StudentTerms(env, trainer.Config.StudentHistory);
        var normalizer = trainer.Config.NormalizeObservations ? NormalizerValues.Of(trainer.ActorNormalizer) : null;
        string method = teacher ? TrainingMethods.Teacher : TrainingMethods.StudentRl;
        return new TrainedPolicy(env.ActionSpace, terms, new PolicyNetwork().Add("actor", trainer.Model.Actor), normalizer,
            Record(method, domain, trainer.Seed, trainer.EnvSteps),
            Provenance(domain, "ppo", AgentNames.Of(trainer), trainer.Seed, trainer.EnvSteps, gitRevision, env.ActionSpace, null));
    }

    // What PpoTrainer.EvaluateStudent runs: head(normalize(E_S(o))), o normalized by the student's columns of the
    // teacher's input statistics.
    private static TrainedPolicy AlignedStudent(PpoTrainer trainer, string domain, string? gitRevision, long envSteps)
    {
        var env = trainer.Env;
        var model = trainer.Model;
        var network = new PolicyNetwork()
            .Add("student_encoder", model.StudentEncoder!)
            .AddL2Normalize(ActorCritic.EmbeddingNormEpsilon)
            .Add("actor", model.Actor);
        var (first, width) = trainer.StudentColumns;
        var normalizer = trainer.Config.NormalizeObservations ? NormalizerValues.Of(trainer.ActorNormalizer, first, width) : null;
        return new TrainedPolicy(env.ActionSpace, StudentTerms(env, trainer.Config.StudentHistory), network, normalizer,
            Record(trainer.Config.Alignment!.Style == AlignmentStyles.Sitt ? TrainingMethods.Sitt : TrainingMethods.Aligned, domain, trainer.Seed, envSteps),
            Provenance(domain, "ppo", AgentNames.Of(trainer), trainer.Seed, envSteps, gitRevision, env.ActionSpace,
                "the aligned run's student: student encoder, L2-normalize, the head shared with the teacher"));
    }

    /// <summary>What DaggerTrainer.Evaluate runs: the student's actor on its normalized stacked frames.</summary>
    public static TrainedPolicy FromImitation(DaggerTrainer imitation, string domain, string? gitRevision)
    {
        var env = imitation.Env;
        string method = imitation.Config.StudentDrivesCollection ? TrainingMethods.Dagger : TrainingMethods.Bc;
        return new TrainedPolicy(env.ActionSpace, StudentTerms(env, imitation.Config.StudentHistory),
            new PolicyNetwork().Add("actor", imitation.Student.Actor), NormalizerValues.Of(imitation.Normalizer),
            Record(method, domain, imitation.Seed, imitation.EnvSteps),
            Provenance(domain, method, "student", imitation.Seed, imitation.EnvSteps, gitRevision, env.ActionSpace,
                "a student distilled from a PPO teacher"));
    }

    private static List<ObservationTerm> StudentTerms(IVectorEnv env, int history) =>
        env.StudentObsTerms.Select(t => new ObservationTerm { Name = t.Name, Dim = t.Dim, History = history }).ToList();

    private static TrainingRecord Record(string method, string domain, int seed, long envSteps) =>
        new() { Method = method, Domain = domain, Seed = seed, EnvironmentSteps = envSteps };

    private static Provenance Provenance(string domain, string method, string agent, int seed, long envSteps, string? gitRevision,
        ActionSpace space, string? note)
    {
        string? discrete = space.Discrete ? "discrete policy: actions are logits; act with argmax" : null;
        return new Provenance
        {
            Domain = domain,
            Method = method,
            Agent = agent,
            Seed = seed,
            TrainingSteps = envSteps,
            GitRevision = gitRevision,
            Notes = note is null ? discrete : discrete is null ? note : $"{note}; {discrete}",
        };
    }
}
