namespace RobotPolicy.Trainer.Engine;

#pragma warning disable CS8981, IDE1006, CA1707 // PyTorch's lower-case names, on purpose
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>In-place initializers (torch.nn.init). Each returns the tensor it filled.</summary>
        public static class init
        {
            public static Tensor uniform_(Tensor t, float low, float high, Generator generator)
            {
                for (int i = 0; i < t.Data.Length; i++)
                {
                    t.Data[i] = low + (high - low) * generator.NextFloat();
                }
                return t;
            }

            public static Tensor normal_(Tensor t, float mean, float std, Generator generator)
            {
                for (int i = 0; i < t.Data.Length; i++)
                {
                    t.Data[i] = mean + std * generator.NextNormal();
                }
                return t;
            }

            public static Tensor zeros_(Tensor t) => constant_(t, 0f);

            public static Tensor constant_(Tensor t, float value)
            {
                Array.Fill(t.Data, value);
                return t;
            }

            /// <summary>He/Kaiming uniform for leaky-ReLU slope <paramref name="a"/>: U(-b, b), b = gain·√(3 / fan_in).</summary>
            public static Tensor kaiming_uniform_(Tensor t, float a, Generator generator)
            {
                int fanIn = t.Shape.Length < 2 ? t.Shape[0] : t.Data.Length / t.Shape[0];
                float gain = MathF.Sqrt(2f / (1f + a * a));
                float bound = gain * MathF.Sqrt(3f / fanIn);
                return uniform_(t, -bound, bound, generator);
            }

            /// <summary>
            /// A (semi-)orthogonal matrix scaled by <paramref name="gain"/>: the Q of a QR decomposition of a Gaussian
            /// matrix, signs fixed by R's diagonal so the distribution is uniform (as torch.nn.init.orthogonal_).
            /// </summary>
            public static Tensor orthogonal_(Tensor t, float gain, Generator generator)
            {
                if (t.Shape.Length < 2)
                {
                    throw new ArgumentException($"orthogonal_ needs a tensor with at least 2 dimensions, got {t.ShapeText}");
                }
                int rows = t.Shape[0], cols = t.Data.Length / rows;
                bool transposed = rows < cols;
                int tall = Math.Max(rows, cols), narrow = Math.Min(rows, cols);
                // Columns of a tall Gaussian matrix, orthonormalized (modified Gram-Schmidt in double, twice for stability).
                var q = new double[narrow][];
                for (int j = 0; j < narrow; j++)
                {
                    q[j] = new double[tall];
                    for (int i = 0; i < tall; i++)
                    {
                        q[j][i] = generator.NextNormal();
                    }
                }
                for (int j = 0; j < narrow; j++)
                {
                    double rjj = 0;
                    for (int pass = 0; pass < 2; pass++)
                    {
                        for (int p = 0; p < j; p++)
                        {
                            double dot = 0;
                            for (int i = 0; i < tall; i++) dot += q[p][i] * q[j][i];
                            for (int i = 0; i < tall; i++) q[j][i] -= dot * q[p][i];
                        }
                    }
                    for (int i = 0; i < tall; i++) rjj += q[j][i] * q[j][i];
                    rjj = Math.Sqrt(rjj);
                    for (int i = 0; i < tall; i++) q[j][i] /= rjj;
                }
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < cols; c++)
                    {
                        double v = transposed ? q[r][c] : q[c][r];
                        t.Data[r * cols + c] = (float)(gain * v);
                    }
                }
                return t;
            }
        }
    }
}
#pragma warning restore CS8981, IDE1006, CA1707
