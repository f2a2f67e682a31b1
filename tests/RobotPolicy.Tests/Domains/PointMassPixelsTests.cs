using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Domains.PointMass;
using RobotPolicy.Trainer.Domains.PointMassPixels;

namespace RobotPolicy.Tests.Domains;

/// <summary>The pixel point mass: the point mass's task, seen by the student through a 32 × 32 camera.</summary>
public class PointMassPixelsTests
{
    private static float[] Render(float x, float y, float goalSide, bool hintSeen, ulong noise = 7)
    {
        var state = new PointMassPixelsState { Body = new PointMassState { X = x, Y = y, GoalSide = goalSide, HintSeen = hintSeen }, NoiseSeed = noise };
        var image = new float[PointMassImage.Pixels];
        PointMassImage.Render(state, image);
        return image;
    }

    private static (int Row, int Column) Brightest(float[] image)
    {
        int i = Array.IndexOf(image, image.Max());
        return (i / PointMassImage.Size, i % PointMassImage.Size);
    }

    [Fact]
    public void The_agent_is_the_brightest_spot_where_it_stands_north_up()
    {
        // The arena's 2 units over 32 pixels: (0, 0) sits between pixels 15 and 16; (0.5, -0.5) at column 23.5, row 23.5.
        var (row, column) = Brightest(Render(0.5f, -0.5f, 1f, hintSeen: false));
        Assert.InRange(row, 23, 24);
        Assert.InRange(column, 23, 24);
        (row, column) = Brightest(Render(-0.9f, 0.9f, 1f, hintSeen: false));
        Assert.InRange(row, 0, 2);
        Assert.InRange(column, 0, 2);
    }

    [Fact]
    public void The_goal_side_shows_only_after_the_hint_zone()
    {
        // The corner discs' centres: (±0.8, 0.8) is row 2.7, columns 2.7 and 28.3.
        static float At(float[] image, int row, int column) => image[row * PointMassImage.Size + column];
        var unseen = Render(0f, -0.1f, goalSide: 1f, hintSeen: false, noise: 0);
        var seen = Render(0f, -0.1f, goalSide: 1f, hintSeen: true, noise: 0);
        Assert.InRange(At(unseen, 3, 28) - At(unseen, 3, 3), -0.11f, 0.11f); // goal and trap alike, within the noise
        Assert.InRange(At(seen, 3, 28), PointMassImage.LitGoalValue - 0.06f, PointMassImage.LitGoalValue + 0.06f); // the goal, east, lit
        Assert.InRange(At(seen, 3, 3), PointMassImage.CornerValue - 0.06f, PointMassImage.CornerValue + 0.06f);
        var mirrored = Render(0f, -0.1f, goalSide: -1f, hintSeen: true, noise: 0);
        Assert.True(At(mirrored, 3, 3) > At(mirrored, 3, 28) + 0.2f);
    }

    [Fact]
    public void Noise_is_bounded_fixed_by_the_seed_and_different_between_frames()
    {
        var a = Render(0.2f, 0.1f, 1f, false, noise: 1);
        Assert.Equal(a, Render(0.2f, 0.1f, 1f, false, noise: 1));
        var b = Render(0.2f, 0.1f, 1f, false, noise: 2);
        Assert.NotEqual(a, b);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
        Assert.All(a.Zip(b), p => Assert.InRange(Math.Abs(p.First - p.Second), 0f, 2 * PointMassImage.NoiseAmplitude + 1e-6f));
    }

    [Fact]
    public void Dynamics_rewards_and_teacher_view_are_the_point_mass()
    {
        var pixels = DomainRegistry.Create("point-mass-pixels", 4);
        var plain = DomainRegistry.Create("point-mass", 4);
        Assert.Equal(PointMassImage.Pixels, pixels.StudentObsDim);
        Assert.Equal([("image", 1024)], pixels.StudentObsTerms);
        Assert.Equal(plain.Reference.BestStudent, pixels.Reference.BestStudent);
        pixels.Reset(3);
        plain.Reset(3);
        var actions = new float[8];
        var (rp, rq) = (new float[4], new float[4]);
        var (tp, tq, up, uq) = (new bool[4], new bool[4], new bool[4], new bool[4]);
        var (op, oq) = (new float[20], new float[20]);
        var random = new Random(5);
        // Each copy's first episode is the same in both (later ones draw their goal sides after the pixel domain's
        // noise seeds, so they differ): compared until the first episode anywhere ends.
        int steps = 0;
        while (!tp.Contains(true) && !up.Contains(true))
        {
            for (int i = 0; i < actions.Length; i++)
            {
                actions[i] = (float)(random.NextDouble() * 2 - 1);
            }
            pixels.WriteTeacherObs(op);
            plain.WriteTeacherObs(oq);
            Assert.Equal(oq, op);
            pixels.Step(actions, rp, tp, up);
            plain.Step(actions, rq, tq, uq);
            Assert.Equal(rq, rp);
            Assert.Equal(tq, tp);
            steps++;
        }
        Assert.True(steps >= 8, $"only {steps} steps compared");
    }
}
