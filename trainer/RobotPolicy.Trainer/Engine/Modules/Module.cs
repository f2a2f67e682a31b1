namespace RobotPolicy.Trainer.Engine;

#pragma warning disable CS8981, IDE1006, CA1707 // PyTorch's lower-case names, on purpose
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A trainable building block: owns parameters and child modules, which it lists recursively with
        /// dotted names ("0.weight", "encoder.2.bias") the way PyTorch's state_dict does.
        /// </summary>
        public abstract class Module
        {
            private readonly List<(string Name, Tensor Parameter)> _parameters = [];
            private readonly List<(string Name, Module Child)> _children = [];

            public bool training { get; private set; } = true;

            protected void register_parameter(string name, Tensor parameter)
            {
                parameter.requires_grad = true;
                _parameters.Add((name, parameter));
            }

            protected void register_module(string name, Module child) => _children.Add((name, child));

            public IEnumerable<Tensor> parameters() => named_parameters().Select(p => p.Parameter);

            public IEnumerable<(string Name, Tensor Parameter)> named_parameters()
            {
                foreach (var p in _parameters)
                {
                    yield return p;
                }
                foreach (var (name, child) in _children)
                {
                    foreach (var (childName, p) in child.named_parameters())
                    {
                        yield return ($"{name}.{childName}", p);
                    }
                }
            }

            public void zero_grad()
            {
                foreach (var p in parameters())
                {
                    p.zero_grad();
                }
            }

            public Module train(bool on = true)
            {
                training = on;
                foreach (var (_, child) in _children)
                {
                    child.train(on);
                }
                return this;
            }

            public Module eval() => train(false);

            /// <summary>Total number of trainable values.</summary>
            public long parameter_count() => parameters().Sum(p => p.numel());
        }

        /// <summary>A module with a forward function; call() runs it (TorchSharp's Module&lt;T, TResult&gt;).</summary>
        public abstract class Module<T, TResult> : Module
        {
            public abstract TResult forward(T input);

            public TResult call(T input) => forward(input);
        }
    }
}
#pragma warning restore CS8981, IDE1006, CA1707
