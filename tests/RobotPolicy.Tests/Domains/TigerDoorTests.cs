using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Domains.TigerDoor;

namespace RobotPolicy.Tests.Domains;

public class TigerDoorTests
{
    // Observation: position ((x - 3) / 3, y / 2), door hint (left, right), and for the teacher the prize side (left, right).
    private static (int X, int Y) Cell(ReadOnlySpan<float> obs) => ((int)MathF.Round(obs[0] * 3 + 3), (int)MathF.Round(obs[1] * 2));

    private static int TowardsDoor(bool right) => right ? GridMoves.Right : GridMoves.Left;

    private sealed class Teacher : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var (_, y) = Cell(teacherObs);
            action[0] = y > 0 ? GridMoves.Up : TowardsDoor(right: teacherObs[5] > 0.5f);
        }
    }

    private sealed class ButtonFirstStudent : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var (_, y) = Cell(studentObs);
            bool revealed = studentObs[2] + studentObs[3] > 0.5f;
            if (!revealed)
            {
                action[0] = GridMoves.Down; // the start is above the button's passage
            }
            else
            {
                action[0] = y > 0 ? GridMoves.Up : TowardsDoor(right: studentObs[3] > 0.5f);
            }
        }
    }

    /// <summary>The teacher's behaviour on a guessed prize side (the student's information only).</summary>
    private sealed class CopyTeacher(int numEnvs) : IScriptedPolicy
    {
        private readonly bool[] guessRight = new bool[numEnvs];
        private EnvRandom random = EnvRandom.Create(99, 0);

        public void BeginEpisode(int env) => guessRight[env] = random.NextBool();

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var (_, y) = Cell(studentObs);
            action[0] = y > 0 ? GridMoves.Up : TowardsDoor(guessRight[env]);
        }
    }

    [Fact]
    public void Scripted_teacher_reaches_the_best_teacher_return_exactly()
    {
        var env = new TigerDoorEnv(500);
        Assert.All(ScriptedRollout.Returns(env, new Teacher(), seed: 1), r => Assert.Equal(env.Reference.BestTeacher, r, 5));
    }

    [Fact]
    public void Scripted_student_presses_the_button_and_reaches_the_best_student_return_exactly()
    {
        var env = new TigerDoorEnv(500);
        Assert.All(ScriptedRollout.Returns(env, new ButtonFirstStudent(), seed: 2), r => Assert.Equal(env.Reference.BestStudent, r, 5));
    }

    [Fact]
    public void Copying_the_teacher_without_its_information_meets_the_tiger_half_the_time()
    {
        var env = new TigerDoorEnv(4000);
        double mean = ScriptedRollout.Mean(env, new CopyTeacher(env.NumEnvs), seed: 3);
        Assert.Equal(env.Reference.CopyTeacher!.Value, mean, 0.2); // standard error ≈ 0.05
    }

    [Fact]
    public void Both_sides_occur_and_the_hint_appears_only_after_the_button()
    {
        var env = new TigerDoorEnv(200, StepParallelism.SingleThreaded);
        env.Reset(5);
        int right = Enumerable.Range(0, env.NumEnvs).Count(i => env.StateOf(i).PrizeOnRight);
        Assert.InRange(right, 60, 140);

        var student = new float[env.NumEnvs * env.StudentObsDim];
        var actions = Enumerable.Repeat((float)GridMoves.Down, env.NumEnvs).ToArray();
        var rewards = new float[env.NumEnvs];
        var terminated = new bool[env.NumEnvs];
        var truncated = new bool[env.NumEnvs];
        env.Step(actions, rewards, terminated, truncated); // (3, 1): not yet the button
        env.WriteStudentObs(student);
        Assert.All(Enumerable.Range(0, env.NumEnvs), i => Assert.Equal(0f, student[i * 4 + 2] + student[i * 4 + 3]));
        env.Step(actions, rewards, terminated, truncated); // (3, 2): the button
        env.WriteStudentObs(student);
        for (int i = 0; i < env.NumEnvs; i++)
        {
            bool prizeRight = env.StateOf(i).PrizeOnRight;
            Assert.Equal(prizeRight ? 0f : 1f, student[i * 4 + 2]);
            Assert.Equal(prizeRight ? 1f : 0f, student[i * 4 + 3]);
        }
    }

    [Fact]
    public void Entering_a_door_ends_the_episode_and_restarts_with_the_final_observation_kept()
    {
        var env = new TigerDoorEnv(4, StepParallelism.SingleThreaded);
        env.Reset(11);
        var left = Enumerable.Repeat((float)GridMoves.Left, 4).ToArray();
        var rewards = new float[4];
        var terminated = new bool[4];
        var truncated = new bool[4];
        for (int step = 1; step <= 3; step++)
        {
            env.Step(left, rewards, terminated, truncated);
            Assert.All(terminated, t => Assert.Equal(step == 3, t));
            Assert.All(truncated, Assert.False);
        }
        var final = new float[4 * env.TeacherObsDim];
        var current = new float[4 * env.TeacherObsDim];
        env.WriteFinalTeacherObs(final);
        env.WriteTeacherObs(current);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(-1f, final[i * env.TeacherObsDim]); // at the left door
            Assert.Equal(0f, current[i * env.TeacherObsDim]); // back at the start
            bool prizeLeft = final[i * env.TeacherObsDim + 4] == 1f;
            Assert.Equal(prizeLeft ? 1f - 0.1f : -5f - 0.1f, rewards[i], 5);
            Assert.Equal(0, env.EpisodeStepOf(i));
        }
    }

    [Fact]
    public void Walking_into_walls_runs_out_the_horizon_as_truncation()
    {
        var env = new TigerDoorEnv(3, StepParallelism.SingleThreaded);
        env.Reset(12);
        var up = Enumerable.Repeat((float)GridMoves.Up, 3).ToArray(); // nothing above the corridor
        var rewards = new float[3];
        var terminated = new bool[3];
        var truncated = new bool[3];
        for (int step = 1; step <= TigerDoorRules.EpisodeHorizon; step++)
        {
            env.Step(up, rewards, terminated, truncated);
            Assert.All(terminated, Assert.False);
            Assert.All(truncated, t => Assert.Equal(step == TigerDoorRules.EpisodeHorizon, t));
        }
    }
}
