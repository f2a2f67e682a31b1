using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Domains.PointMass;

namespace RobotPolicy.Tests.Domains;

public class PointMassTests
{
    // Student frame: x, y, goal hint (0, or the goal side once the hint zone was entered). Teacher adds the goal (x, y).
    private static void Towards(float targetX, float targetY, ReadOnlySpan<float> obs, Span<float> action)
    {
        // Full speed per axis until the target is less than a step away; the environment clips anyway.
        action[0] = Math.Clamp((targetX - obs[0]) / PointMassTask.MaxStepPerAxis, -1f, 1f);
        action[1] = Math.Clamp((targetY - obs[1]) / PointMassTask.MaxStepPerAxis, -1f, 1f);
    }

    private sealed class Teacher : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action) =>
            Towards(teacherObs[3], teacherObs[4], teacherObs, action);
    }

    /// <summary>One step south into the hint zone, (0, -0.09), then up to the goal disc's edge (±0.8, 0.65).</summary>
    private sealed class HintFirstStudent : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            float hint = studentObs[2];
            if (hint == 0f)
            {
                Towards(0f, -0.09f, studentObs, action);
            }
            else
            {
                Towards(hint * PointMassTask.GoalX, 0.65f, studentObs, action);
            }
        }
    }

    private sealed class CopyTeacher(int numEnvs) : IScriptedPolicy
    {
        private readonly float[] guessedSide = new float[numEnvs];
        private EnvRandom random = EnvRandom.Create(5, 0);

        public void BeginEpisode(int env) => guessedSide[env] = random.NextBool() ? 1f : -1f;

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action) =>
            Towards(guessedSide[env] * PointMassTask.GoalX, PointMassTask.GoalY, studentObs, action);
    }

    [Fact]
    public void Scripted_teacher_reaches_the_goal_in_seven_steps()
    {
        var env = new PointMassEnv(400);
        Assert.All(ScriptedRollout.Returns(env, new Teacher(), seed: 1, episodesPerEnv: 2), r => Assert.Equal(env.Reference.BestTeacher, r, 4));
    }

    [Fact]
    public void Scripted_student_reads_the_hint_one_step_south_and_reaches_the_goal_in_nine_steps()
    {
        var env = new PointMassEnv(400);
        Assert.All(ScriptedRollout.Returns(env, new HintFirstStudent(), seed: 2, episodesPerEnv: 2), r => Assert.Equal(env.Reference.BestStudent, r, 4));
    }

    [Fact]
    public void Copying_the_teacher_finds_the_trap_half_the_time()
    {
        var env = new PointMassEnv(4000);
        double mean = ScriptedRollout.Mean(env, new CopyTeacher(env.NumEnvs), seed: 3);
        Assert.Equal(env.Reference.CopyTeacher!.Value, mean, 0.06); // standard error ≈ 0.026
    }

    [Fact]
    public void The_hint_appears_in_the_zone_south_of_the_start_and_stays()
    {
        var env = new PointMassEnv(1, StepParallelism.SingleThreaded);
        env.Reset(6);
        float side = env.StateOf(0).GoalSide;
        var student = new float[env.StudentObsDim];
        var rewards = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        env.Step([0f, -0.7f], rewards, terminated, truncated); // y = -0.07: not yet
        env.WriteStudentObs(student);
        Assert.Equal(0f, student[2]);
        env.Step([0f, -0.2f], rewards, terminated, truncated); // y = -0.09
        env.WriteStudentObs(student);
        Assert.Equal(side, student[2]);
        env.Step([0f, 1f], rewards, terminated, truncated); // back north: still known
        env.WriteStudentObs(student);
        Assert.Equal(side, student[2]);
    }

    [Fact]
    public void Positions_stay_in_the_arena_and_the_horizon_truncates_with_the_final_observation_kept()
    {
        var env = new PointMassEnv(2, StepParallelism.SingleThreaded);
        env.Reset(9);
        float[] actions = [5f, 0f, -5f, 0f]; // beyond the box: clipped to ±1
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];
        var sums = new double[2];
        float[] goalX = [env.StateOf(0).GoalSide * PointMassTask.GoalX, env.StateOf(1).GoalSide * PointMassTask.GoalX];
        for (int step = 1; step <= PointMassTask.EpisodeHorizon; step++)
        {
            env.Step(actions, rewards, terminated, truncated);
            Assert.All(terminated, Assert.False);
            Assert.All(truncated, t => Assert.Equal(step == PointMassTask.EpisodeHorizon, t));
            if (step > 10)
            {
                Assert.All(rewards, r => Assert.Equal(-PointMassTask.StepCost, r)); // pinned: no progress either way
            }
            sums[0] += rewards[0];
            sums[1] += rewards[1];
        }
        var final = new float[2 * env.TeacherObsDim];
        env.WriteFinalTeacherObs(final);
        Assert.Equal(1f, final[0]); // pinned at the right wall
        Assert.Equal(-1f, final[env.TeacherObsDim]); // and at the left one
        Assert.Equal(0f, env.StateOf(0).X); // restarted at the origin
        // The progress terms telescope: the return is the start's distance to the goal disc less the end's, less the step costs.
        Assert.Equal(PointMassReference.StartDistance - PointMassTask.DistanceToGoalDisc(1f, 0f, goalX[0]) - 50 * PointMassTask.StepCost, sums[0], 5);
        Assert.Equal(PointMassReference.StartDistance - PointMassTask.DistanceToGoalDisc(-1f, 0f, goalX[1]) - 50 * PointMassTask.StepCost, sums[1], 5);
    }

    [Fact]
    public void Progress_pays_the_drop_in_distance_to_the_goal_disc()
    {
        var env = new PointMassEnv(1, StepParallelism.SingleThreaded);
        env.Reset(4);
        float side = env.StateOf(0).GoalSide;
        var rewards = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        float Step(float ax, float ay)
        {
            float before = PointMassTask.DistanceToGoalDisc(env.StateOf(0).X, env.StateOf(0).Y, side * PointMassTask.GoalX);
            env.Step([ax, ay], rewards, terminated, truncated);
            float after = PointMassTask.DistanceToGoalDisc(env.StateOf(0).X, env.StateOf(0).Y, side * PointMassTask.GoalX);
            Assert.Equal(PointMassTask.ProgressScale * (before - after) - PointMassTask.StepCost, rewards[0], 6);
            return before - after;
        }

        Assert.True(Step(side, 1f) > 0.13f); // along the diagonal towards the goal: about 0.1 sqrt 2
        Assert.True(Step(-side, -1f) < -0.13f); // straight back
        Assert.Equal(0f, Step(0f, 0f)); // standing still
        Assert.Equal(PointMassReference.StartDistance, PointMassTask.DistanceToGoalDisc(0f, 0f, side * PointMassTask.GoalX), 6);
        Assert.Equal(0f, PointMassTask.DistanceToGoalDisc(side * 0.7f, 0.7f, side * PointMassTask.GoalX)); // inside the disc
    }

    [Fact]
    public void Throughput_measurement_runs_a_large_parallel_batch()
    {
        // Checks only that the measurement works; speed is reported, never asserted.
        var result = PointMassEnv.MeasureStepsPerSecond(numEnvs: 4096, duration: TimeSpan.FromMilliseconds(50));
        Assert.Equal("point-mass", result.Domain);
        Assert.Equal(4096, result.NumEnvs);
        Assert.True(result.EnvSteps >= 4096 && result.EnvSteps % 4096 == 0);
        Assert.True(result.StepsPerSecond > 0);
    }
}
