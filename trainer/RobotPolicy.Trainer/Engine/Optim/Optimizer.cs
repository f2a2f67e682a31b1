namespace RobotPolicy.Trainer.Engine;

#pragma warning disable CS8981, IDE1006, CA1707 // PyTorch's lower-case names, on purpose
public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Updates parameters in place from their .grad. One learning rate for all parameters.</summary>
        public abstract class Optimizer
        {
            protected Optimizer(IEnumerable<Tensor> parameters, double lr)
            {
                Parameters = parameters.ToArray();
                if (Parameters.Length == 0)
                {
                    throw new ArgumentException("optimizer got an empty parameter list");
                }
                if (Parameters.FirstOrDefault(p => !p.is_leaf || !p.requires_grad) is { } bad)
                {
                    throw new ArgumentException($"optimizer parameters must be leaves that require grad; one of shape {bad.ShapeText} is not");
                }
                this.lr = lr;
                initial_lr = lr;
            }

            public Tensor[] Parameters { get; }

            public double lr { get; set; }

            public double initial_lr { get; }

            /// <summary>Number of step() calls so far.</summary>
            public long step_count { get; protected set; }

            public void zero_grad()
            {
                foreach (var p in Parameters)
                {
                    p.zero_grad();
                }
            }

            public abstract void step();
        }

        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, decoupled: false);

        public static Adam AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, decoupled: true);

        public static SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double weight_decay = 0) =>
            new(parameters, lr, momentum, weight_decay);
    }
}
#pragma warning restore CS8981, IDE1006, CA1707
