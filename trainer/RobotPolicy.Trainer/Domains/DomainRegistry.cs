using RobotPolicy.Trainer.Domains.CartPole;
using RobotPolicy.Trainer.Domains.ColorMaze;
using RobotPolicy.Trainer.Domains.MuJoCoArm;
using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Domains.PointMass;
using RobotPolicy.Trainer.Domains.PointMassPixels;
using RobotPolicy.Trainer.Domains.PoisonedDoors;
using RobotPolicy.Trainer.Domains.TigerDoor;

namespace RobotPolicy.Trainer.Domains;

/// <summary>Creates domains by their command-line name.</summary>
public static class DomainRegistry
{
    private static readonly (string Name, Func<int, StepParallelism?, IVectorEnv> Create)[] Domains =
    [
        (TigerDoorRules.Spec.Name, (n, p) => new TigerDoorEnv(n, p)),
        (PoisonedDoorsRules.Spec.Name, (n, p) => new PoisonedDoorsEnv(n, p)),
        (PointMassRules.Spec.Name, (n, p) => new PointMassEnv(n, p)),
        (PointMassPixelsRules.Spec.Name, (n, p) => new PointMassPixelsEnv(n, p)),
        (ColorMazeRules.Spec.Name, (n, p) => new ColorMazeEnv(n, p)),
        (CartPoleRules.Spec.Name, (n, p) => new CartPoleEnv(n, p)),
        (MuJoCoArmRules.Name, (n, p) => new MuJoCoArmEnv(n, p)),
    ];

    /// <summary>Every known name, in the order the documentation lists the domains.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Domains.Select(d => d.Name).ToArray());

    /// <summary>A batch of <paramref name="numEnvs"/> copies of the domain called <paramref name="name"/> (case is ignored).
    /// Call <see cref="IVectorEnv.Reset"/> before stepping it.</summary>
    /// <exception cref="ArgumentException">No domain has that name; the message lists the known ones.</exception>
    public static IVectorEnv Create(string name, int numEnvs) => Create(name, numEnvs, parallelism: null);

    /// <inheritdoc cref="Create(string, int)"/>
    public static IVectorEnv Create(string name, int numEnvs, StepParallelism? parallelism)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(numEnvs, 1);
        foreach (var domain in Domains)
        {
            if (string.Equals(domain.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return domain.Create(numEnvs, parallelism);
            }
        }
        throw new ArgumentException($"Unknown domain '{name}'. Known domains: {string.Join(", ", Names)}.", nameof(name));
    }
}
