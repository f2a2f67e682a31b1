namespace RobotPolicy.Trainer.Engine;

#pragma warning disable CS8981, IDE1006, CA1707 // PyTorch's lower-case names, on purpose
public static partial class torch
{
    public static partial class nn
    {
        public static class utils
        {
            /// <summary>
            /// Scales all gradients together so their global L2 norm is at most <paramref name="maxNorm"/>; returns
            /// the norm before clipping (torch.nn.utils.clip_grad_norm_).
            /// </summary>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double maxNorm)
            {
                var withGrad = parameters.Where(p => p.GradBuffer is not null).ToList();
                double sumSquares = 0;
                foreach (var p in withGrad)
                {
                    foreach (float g in p.GradBuffer!)
                    {
                        sumSquares += (double)g * g;
                    }
                }
                double norm = Math.Sqrt(sumSquares);
                double scale = maxNorm / (norm + 1e-6);
                if (scale < 1)
                {
                    foreach (var p in withGrad)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Multiply(p.GradBuffer!, (float)scale, p.GradBuffer!);
                    }
                }
                return norm;
            }
        }
    }
}
#pragma warning restore CS8981, IDE1006, CA1707
