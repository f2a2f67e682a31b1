using System.CommandLine;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Cli.Commands;

/// <summary>--provider and --fallback, shared by every command that opens a policy session.</summary>
internal static class ProviderOptions
{
    public static Option<string> Provider() => new("--provider")
    {
        Description = $"execution provider: {string.Join(", ", ExecutionProviders.All)}",
        DefaultValueFactory = _ => ExecutionProviders.Cpu,
    };

    public static Option<string?> Fallback() => new("--fallback")
    {
        Description = "provider to use when --provider is unavailable (default: fail with an error)",
    };

    public static PolicySessionOptions Read(ParseResult parse, Option<string> provider, Option<string?> fallback) => new()
    {
        Provider = parse.GetValue(provider) ?? ExecutionProviders.Cpu,
        Fallback = parse.GetValue(fallback),
    };
}
