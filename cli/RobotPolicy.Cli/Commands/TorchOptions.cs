using System.CommandLine;
using RobotPolicy.Trainer.TorchExtensions;

namespace RobotPolicy.Cli.Commands;

/// <summary>--device and --threads: where and on how many cores libtorch trains.</summary>
internal sealed class TorchOptions
{
    private readonly Option<string> _device = new("--device") { Description = "cpu, or cuda (needs a CUDA build of libtorch)", DefaultValueFactory = _ => "cpu" };
    private readonly Option<int?> _threads = new("--threads") { Description = "libtorch intra-op threads (default: 1 for networks too small to share, else the machine's cores)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_device);
        command.Options.Add(_threads);
    }

    /// <summary>Starts libtorch as asked, before anything makes a tensor; a device this build cannot use fails here.</summary>
    public void Apply(ParseResult parse)
    {
        if (parse.GetValue(_threads) is int n && n < 1)
        {
            throw new CliUsageException($"--threads {n}: needs at least 1");
        }
        LibTorch.Start(parse.GetValue(_threads));
        LibTorch.Device(parse.GetValue(_device)!);
    }
}
