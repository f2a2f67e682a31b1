using RobotPolicy.Trainer.Domains.PointMass;

namespace RobotPolicy.Trainer.Domains.PointMassPixels;

/// <summary>
/// The pixel student's camera: a top-down grey image of the point-mass arena, <see cref="Size"/> × <see cref="Size"/>,
/// row-major from the north-west corner (north up), values in [0, 1]. Drawn on black: the two corner discs (goal and
/// trap look alike, <see cref="CornerValue"/>), the agent as a Gaussian spot (<see cref="AgentSigmaPixels"/>, peak 1,
/// so its position reads to a fraction of a pixel), and, once the agent has entered the hint zone, the goal's disc lit
/// brighter (<see cref="LitGoalValue"/>): the same information the compact student's goal hint carries. Every pixel
/// then gets uniform sensor noise of ±<see cref="NoiseAmplitude"/>, from the frame's noise seed, and is clipped to
/// [0, 1]. Rendering allocates nothing and costs a few microseconds: the spot and the discs are drawn in small windows.
/// </summary>
public static class PointMassImage
{
    public const int Size = 32;
    public const int Pixels = Size * Size;
    public const float AgentSigmaPixels = 1f;
    public const float CornerValue = 0.3f;
    public const float LitGoalValue = 0.7f;
    public const float NoiseAmplitude = 0.05f;

    /// <summary>Pixels per unit of arena (the arena is 2 wide).</summary>
    private const float Scale = Size / (2f * PointMassTask.ArenaHalfWidth);

    public static void Render(in PointMassPixelsState state, Span<float> image)
    {
        image = image[..Pixels];
        image.Clear();
        ref readonly var body = ref state.Body;
        float goalX = body.GoalSide * PointMassTask.GoalX;
        DrawDisc(image, goalX, PointMassTask.GoalY, body.HintSeen ? LitGoalValue : CornerValue);
        DrawDisc(image, -goalX, PointMassTask.GoalY, CornerValue);
        DrawSpot(image, body.X, body.Y);
        AddNoise(image, state.NoiseSeed);
    }

    // Pixel centres: column c covers x in [-1 + c/Scale, -1 + (c+1)/Scale]; row 0 is the top (y = 1).
    private static float Column(float x) => (x + PointMassTask.ArenaHalfWidth) * Scale - 0.5f;

    private static float Row(float y) => (PointMassTask.ArenaHalfWidth - y) * Scale - 0.5f;

    private static void DrawDisc(Span<float> image, float x, float y, float value)
    {
        float c = Column(x), r = Row(y), radius = PointMassTask.GoalRadius * Scale;
        for (int row = Math.Max(0, (int)(r - radius)); row <= Math.Min(Size - 1, (int)(r + radius) + 1); row++)
        {
            for (int col = Math.Max(0, (int)(c - radius)); col <= Math.Min(Size - 1, (int)(c + radius) + 1); col++)
            {
                float dc = col - c, dr = row - r;
                if (dc * dc + dr * dr <= radius * radius)
                {
                    image[row * Size + col] = value;
                }
            }
        }
    }

    private static void DrawSpot(Span<float> image, float x, float y)
    {
        const int reach = 3; // 3 sigma: beyond it the spot is below 0.012, under the noise
        float c = Column(x), r = Row(y);
        int c0 = (int)MathF.Round(c), r0 = (int)MathF.Round(r);
        for (int row = Math.Max(0, r0 - reach); row <= Math.Min(Size - 1, r0 + reach); row++)
        {
            for (int col = Math.Max(0, c0 - reach); col <= Math.Min(Size - 1, c0 + reach); col++)
            {
                float dc = col - c, dr = row - r;
                float spot = MathF.Exp(-(dc * dc + dr * dr) / (2f * AgentSigmaPixels * AgentSigmaPixels));
                ref float pixel = ref image[row * Size + col];
                pixel = MathF.Max(pixel, spot);
            }
        }
    }

    // SplitMix64 of (seed, pixel): a deterministic noise value per pixel without a generator to advance.
    private static void AddNoise(Span<float> image, ulong seed)
    {
        for (int i = 0; i < image.Length; i++)
        {
            ulong z = seed + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            float uniform = (z >> 40) * (1f / (1 << 24)); // [0, 1)
            image[i] = Math.Clamp(image[i] + NoiseAmplitude * (2f * uniform - 1f), 0f, 1f);
        }
    }
}
