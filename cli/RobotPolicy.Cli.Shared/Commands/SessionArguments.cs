using System.CommandLine;
using RobotPolicy.Runtime.Session;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// --provider, --fallback and --allow-modified-bundle, shared by every command that opens a policy session, and the
/// warnings a session may open with (a fallback provider, a modified or schema 1 bundle).
/// </summary>
internal sealed class SessionArguments
{
    public Option<string> Provider { get; } = new("--provider")
    {
        Description = $"execution provider: {string.Join(", ", ExecutionProviders.All)}",
        DefaultValueFactory = _ => ExecutionProviders.Cpu,
    };

    public Option<string?> Fallback { get; } = new("--fallback")
    {
        Description = "provider to use when --provider is unavailable (default: fail with an error)",
    };

    public Option<bool> AllowModifiedBundle { get; } = new("--allow-modified-bundle")
    {
        Description = "run a bundle whose model no longer matches its weights hash (edited outside robotpolicy), with a warning, instead of refusing it",
    };

    public Option<bool> CudaGraph { get; } = new("--cuda-graph")
    {
        Description = "with --provider cuda: run the policy as a captured CUDA graph, input and output bound in GPU memory",
    };

    public IEnumerable<Option> All => [Provider, Fallback, CudaGraph, AllowModifiedBundle];

    public PolicySessionOptions Read(ParseResult parse) => new()
    {
        Provider = parse.GetValue(Provider) ?? ExecutionProviders.Cpu,
        Fallback = parse.GetValue(Fallback),
        AllowModifiedBundle = parse.GetValue(AllowModifiedBundle),
        CudaGraph = parse.GetValue(CudaGraph),
    };

    /// <summary>Says, on the console, what the user should know about how the session opened.</summary>
    public static void Warn(PolicySession session)
    {
        if (session.IntegrityWarning is { } integrity)
        {
            CliWarnings.Write(integrity);
        }
        if (session.FallbackReason is { } why)
        {
            CliWarnings.Write($"{why}; running on {session.Provider}");
        }
    }
}
