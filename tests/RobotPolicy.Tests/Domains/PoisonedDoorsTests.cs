using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Domains.PoisonedDoors;

namespace RobotPolicy.Tests.Domains;

public class PoisonedDoorsTests
{
    private const int Phases = PoisonedDoorsRules.PhaseCount;

    private static int CodeDigit(int phase) => PoisonedDoorsRules.Code[phase - 1];

    private sealed class Teacher : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            int phase = ScriptedRollout.ArgMax(teacherObs[..Phases]);
            action[0] = phase == 0 ? ScriptedRollout.ArgMax(teacherObs[Phases..]) : CodeDigit(phase);
        }
    }

    private sealed class CodeTypingStudent : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            int phase = ScriptedRollout.ArgMax(studentObs);
            action[0] = phase == 0 ? PoisonedDoorsRules.EnterCodeAction : CodeDigit(phase);
        }
    }

    /// <summary>The teacher opens a door; without knowing which is good, a copy opens a random one.</summary>
    private sealed class CopyTeacher : IScriptedPolicy
    {
        private EnvRandom random = EnvRandom.Create(77, 0);

        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action) =>
            action[0] = random.NextInt(PoisonedDoorsRules.DoorCount);
    }

    [Fact]
    public void Scripted_teacher_opens_the_good_door_for_plus_two()
    {
        var env = new PoisonedDoorsEnv(300);
        Assert.All(ScriptedRollout.Returns(env, new Teacher(), seed: 1, episodesPerEnv: 2), r => Assert.Equal(2.0, r));
        Assert.Equal(2.0, env.Reference.BestTeacher);
    }

    [Fact]
    public void Scripted_student_types_the_code_for_plus_one_in_eleven_steps()
    {
        var env = new PoisonedDoorsEnv(300);
        Assert.All(ScriptedRollout.Returns(env, new CodeTypingStudent(), seed: 2, episodesPerEnv: 2), r => Assert.Equal(1.0, r, 5));
        Assert.Equal(1.0, env.Reference.BestStudent);
        Assert.Equal(Phases, env.Horizon);
    }

    [Fact]
    public void Copying_the_teacher_opens_a_random_door_for_minus_two_thirds()
    {
        var env = new PoisonedDoorsEnv(6000);
        double mean = ScriptedRollout.Mean(env, new CopyTeacher(), seed: 3);
        Assert.Equal(-2.0 / 3.0, env.Reference.CopyTeacher!.Value, 10);
        Assert.Equal(-2.0 / 3.0, mean, 0.1); // standard error ≈ 0.024
    }

    [Fact]
    public void Each_right_digit_pays_a_tenth_and_a_wrong_one_ends_the_episode_with_nothing()
    {
        var env = new PoisonedDoorsEnv(1, StepParallelism.SingleThreaded);
        env.Reset(4);
        var rewards = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        env.Step([PoisonedDoorsRules.EnterCodeAction], rewards, terminated, truncated);
        Assert.False(terminated[0]);
        Assert.Equal(0f, rewards[0]);
        env.Step([PoisonedDoorsRules.Code[0]], rewards, terminated, truncated);
        Assert.False(terminated[0]);
        Assert.Equal(0.1f, rewards[0]);
        env.Step([(PoisonedDoorsRules.Code[1] + 1) % 3], rewards, terminated, truncated);
        Assert.True(terminated[0]);
        Assert.Equal(0f, rewards[0]);
        Assert.Equal(0, env.StateOf(0).Phase); // already restarted
    }

    [Fact]
    public void Every_door_is_the_good_one_about_a_third_of_the_time()
    {
        var env = new PoisonedDoorsEnv(3000);
        env.Reset(5);
        var counts = new int[3];
        for (int i = 0; i < env.NumEnvs; i++)
        {
            counts[env.StateOf(i).GoodDoor]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 900, 1100));
    }
}
