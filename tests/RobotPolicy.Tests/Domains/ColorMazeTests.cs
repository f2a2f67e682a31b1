using RobotPolicy.Trainer.Domains.ColorMaze;
using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Tests.Domains;

public class ColorMazeTests
{
    private const int Kinds = ColorMazeObservation.TeacherCellKinds;

    private static (int X, int Y) Cell(ReadOnlySpan<float> obs) =>
        ((int)MathF.Round(obs[0] * 5 + ColorMazeLayout.GoalX), (int)MathF.Round(obs[1] * 8 + ColorMazeLayout.GoalY));

    /// <summary>The teacher's route as a decision on its 3 x 3 view: below the band, step to the column under the
    /// path's entry; in the band, go up when safe, else sideways onto the path; above it, walk to the goal's column.</summary>
    private static int TeacherMove(int x, int y, Func<int, int, ColorMazeCell> view)
    {
        bool Safe(ColorMazeCell c) => c is ColorMazeCell.Path or ColorMazeCell.Open;
        if (y == ColorMazeLayout.StartY)
        {
            return GridMoves.Up;
        }
        if (y == ColorMazeLayout.BandBottom + 1)
        {
            return view(0, -1) == ColorMazeCell.Path ? GridMoves.Up
                : view(-1, -1) == ColorMazeCell.Path ? GridMoves.Left : GridMoves.Right;
        }
        if (y >= ColorMazeLayout.BandTop)
        {
            return Safe(view(0, -1)) ? GridMoves.Up : view(-1, 0) == ColorMazeCell.Path ? GridMoves.Left : GridMoves.Right;
        }
        return x < ColorMazeLayout.GoalX ? GridMoves.Right : x > ColorMazeLayout.GoalX ? GridMoves.Left : GridMoves.Up;
    }

    private sealed class Teacher : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var window = teacherObs[2..].ToArray();
            var (x, y) = Cell(teacherObs);
            action[0] = TeacherMove(x, y, (dx, dy) =>
                (ColorMazeCell)ScriptedRollout.ArgMax(window.AsSpan(((dy + 1) * 3 + dx + 1) * Kinds, Kinds)));
        }
    }

    /// <summary>Around the band: left along the bottom row, up column 0, right along the top row.</summary>
    private sealed class DetourStudent : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var (x, y) = Cell(studentObs);
            action[0] = y == ColorMazeLayout.StartY && x > 0 ? GridMoves.Left : y > 0 ? GridMoves.Up : GridMoves.Right;
        }
    }

    /// <summary>The teacher's decision fed an imagined view: the cells of an independently drawn path.</summary>
    private sealed class CopyTeacher(int numEnvs) : IScriptedPolicy
    {
        private readonly ColorMazePath[] guesses = new ColorMazePath[numEnvs];
        private EnvRandom random = EnvRandom.Create(31, 0);

        public void BeginEpisode(int env) => guesses[env] = ColorMazePath.Draw(ref random);

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var guess = guesses[env];
            var (x, y) = Cell(studentObs);
            action[0] = TeacherMove(x, y, (dx, dy) => ColorMazeLayout.CellAt(guess, x + dx, y + dy));
        }
    }

    [Fact]
    public void Scripted_teacher_follows_the_path_for_the_best_teacher_return()
    {
        var env = new ColorMazeEnv(3000);
        var returns = ScriptedRollout.Returns(env, new Teacher(), seed: 1);
        // 10 + a + b moves: 10 to 14, and all 7 bonuses, so returns 16.3 to 16.5; 16.4 on average (standard error ≈ 0.001).
        Assert.All(returns, r => Assert.InRange(r, 16.3 - 1e-4, 16.5 + 1e-4));
        Assert.Equal(env.Reference.BestTeacher, returns.Average(), 0.03);
    }

    [Fact]
    public void Scripted_student_detours_around_the_band_for_the_best_student_return()
    {
        var env = new ColorMazeEnv(300);
        Assert.All(ScriptedRollout.Returns(env, new DetourStudent(), seed: 2, episodesPerEnv: 2), r => Assert.Equal(env.Reference.BestStudent, r, 4));
    }

    [Fact]
    public void Copying_the_teacher_on_a_guessed_path_matches_the_documented_expectation()
    {
        var env = new ColorMazeEnv(8000);
        double mean = ScriptedRollout.Mean(env, new CopyTeacher(env.NumEnvs), seed: 3);
        Assert.Equal(-1891.0 / 720.0, env.Reference.CopyTeacher!.Value, 10);
        Assert.Equal(env.Reference.CopyTeacher.Value, mean, 0.2); // standard error ≈ 0.07
    }

    [Fact]
    public void Paths_cross_the_band_in_seven_moves_without_shortcuts()
    {
        var random = EnvRandom.Create(3, 0);
        var seen = new HashSet<(int, int, int)>();
        for (int draw = 0; draw < 500; draw++)
        {
            var path = ColorMazePath.Draw(ref random);
            seen.Add((path.Entry, path.Middle, path.Exit));
            // Breadth-first search over safe cells from the start: the shortest route must be exactly 10 + a + b.
            int expected = 10 + Math.Abs(path.Entry - 5) + Math.Abs(path.Exit - 5);
            Assert.Equal(expected, ShortestRoute(path));
            int pathCells = 0;
            for (int y = ColorMazeLayout.BandTop; y <= ColorMazeLayout.BandBottom; y++)
            {
                for (int x = ColorMazeLayout.BandLeft; x <= ColorMazeLayout.BandRight; x++)
                {
                    pathCells += ColorMazeLayout.CellAt(path, x, y) == ColorMazeCell.Path ? 1 : 0;
                }
            }
            Assert.Equal(7, pathCells);
        }
        Assert.Equal(12, seen.Count); // 3 entries x 2 x 2 turns, all drawn
    }

    [Fact]
    public void The_student_cannot_tell_fail_cells_from_path_cells()
    {
        var env = new ColorMazeEnv(50, StepParallelism.SingleThreaded);
        env.Reset(8);
        var student = new float[env.NumEnvs * env.StudentObsDim];
        var teacher = new float[env.NumEnvs * env.TeacherObsDim];
        var up = Enumerable.Repeat((float)GridMoves.Up, env.NumEnvs).ToArray();
        env.Step(up, new float[env.NumEnvs], new bool[env.NumEnvs], new bool[env.NumEnvs]); // to row 7, below the band
        env.WriteStudentObs(student);
        env.WriteTeacherObs(teacher);
        var studentFrames = Enumerable.Range(0, env.NumEnvs).Select(i => string.Join(",", student.Skip(i * env.StudentObsDim).Take(env.StudentObsDim)));
        Assert.Single(studentFrames.Distinct()); // every path looks the same to the student
        var teacherFrames = Enumerable.Range(0, env.NumEnvs).Select(i => string.Join(",", teacher.Skip(i * env.TeacherObsDim).Take(env.TeacherObsDim)));
        Assert.Equal(3, teacherFrames.Distinct().Count()); // the teacher sees which of the 3 entries is safe
    }

    [Fact]
    public void Stepping_on_a_fail_cell_ends_the_episode_with_the_penalty()
    {
        var env = new ColorMazeEnv(1, StepParallelism.SingleThreaded);
        env.Reset(21);
        var path = env.StateOf(0).Path;
        int wrongEntry = path.Entry == 5 ? 4 : 5;
        var rewards = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        env.Step([GridMoves.Up], rewards, terminated, truncated);
        if (wrongEntry != 5)
        {
            env.Step([GridMoves.Left], rewards, terminated, truncated);
        }
        env.Step([GridMoves.Up], rewards, terminated, truncated);
        Assert.True(terminated[0]);
        Assert.Equal(ColorMazeRules.FailReward - ColorMazeRules.StepCost, rewards[0], 5);
        var final = new float[env.TeacherObsDim];
        env.WriteFinalTeacherObs(final);
        Assert.Equal((ColorMazeLayout.BandBottom - ColorMazeLayout.GoalY) / 8f, final[1]); // died in the band's bottom row
        Assert.Equal(ColorMazeLayout.StartY, env.StateOf(0).Y); // and restarted
    }

    [Fact]
    public void A_path_cell_pays_its_bonus_on_the_first_visit_only()
    {
        var env = new ColorMazeEnv(1, StepParallelism.SingleThreaded);
        env.Reset(5);
        var path = env.StateOf(0).Path;
        var rewards = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        float Move(int move)
        {
            env.Step([move], rewards, terminated, truncated);
            Assert.False(terminated[0]);
            return rewards[0];
        }

        Assert.Equal(-ColorMazeRules.StepCost, Move(GridMoves.Up), 6); // to row 7, below the band
        int sideways = path.Entry < ColorMazeLayout.StartX ? GridMoves.Left : GridMoves.Right;
        for (int i = 0; i < Math.Abs(path.Entry - ColorMazeLayout.StartX); i++)
        {
            Assert.Equal(-ColorMazeRules.StepCost, Move(sideways), 6);
        }
        Assert.Equal(ColorMazeRules.PathBonus - ColorMazeRules.StepCost, Move(GridMoves.Up), 6); // onto the entry
        Assert.Equal(ColorMazeRules.PathBonus - ColorMazeRules.StepCost, Move(GridMoves.Up), 6); // the next path cell
        Assert.Equal(-ColorMazeRules.StepCost, Move(GridMoves.Down), 6); // back onto the entry: already visited
        Assert.Equal(-ColorMazeRules.StepCost, Move(GridMoves.Down), 6); // out of the band
        Assert.Equal(-ColorMazeRules.StepCost, Move(GridMoves.Up), 6); // the entry again: still no bonus
        Assert.Equal(0b11, env.StateOf(0).VisitedPathCells);
    }

    [Fact]
    public void Path_cells_are_numbered_along_the_path()
    {
        var path = new ColorMazePath { Entry = 4, Middle = 5, Exit = 4 };
        (int X, int Y)[] cells = [(4, 6), (4, 5), (5, 5), (5, 4), (5, 3), (4, 3), (4, 2)];
        for (int i = 0; i < cells.Length; i++)
        {
            Assert.Equal(i, path.IndexOf(cells[i].X, cells[i].Y));
        }
        Assert.Equal(ColorMazePath.CellCount, cells.Length);
        Assert.Equal(-1, path.IndexOf(6, 5));
        Assert.Equal(-1, path.IndexOf(5, 6));
        Assert.Equal(-1, path.IndexOf(4, 7));
    }

    private static int ShortestRoute(ColorMazePath path)
    {
        var distance = new Dictionary<(int, int), int> { [(ColorMazeLayout.StartX, ColorMazeLayout.StartY)] = 0 };
        var queue = new Queue<(int X, int Y)>([(ColorMazeLayout.StartX, ColorMazeLayout.StartY)]);
        while (queue.Count > 0)
        {
            var (x, y) = queue.Dequeue();
            if (x == ColorMazeLayout.GoalX && y == ColorMazeLayout.GoalY)
            {
                return distance[(x, y)];
            }
            for (int move = 0; move < GridMoves.Count; move++)
            {
                var next = (x + GridMoves.Dx(move), y + GridMoves.Dy(move));
                var cell = ColorMazeLayout.CellAt(path, next.Item1, next.Item2);
                if (cell is ColorMazeCell.Open or ColorMazeCell.Path && distance.TryAdd(next, distance[(x, y)] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }
        throw new InvalidOperationException("The goal is unreachable.");
    }
}
