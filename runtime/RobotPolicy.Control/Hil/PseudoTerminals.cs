using System.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>Two connected pseudo-terminals from socat (a serial cable in software), for benchmarking and testing
/// the serial path without hardware; killing socat is a cable pull.</summary>
internal sealed class PseudoTerminals : IDisposable
{
    private readonly Process _socat;
    private readonly string _folder;

    public PseudoTerminals()
    {
        _folder = Path.Combine(Path.GetTempPath(), "robotpolicy-hil-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        A = Path.Combine(_folder, "a");
        B = Path.Combine(_folder, "b");
        try
        {
            _socat = Process.Start(new ProcessStartInfo("socat", ["-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"the serial benchmark needs socat for a pseudo-terminal pair (Debian package socat): {e.Message}", e);
        }
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(A) && File.Exists(B)))
        {
            if (_socat.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new IOException($"socat made no pseudo-terminals: {_socat.StandardError.ReadToEnd()}");
            }
            Thread.Sleep(20);
        }
    }

    public string A { get; }

    public string B { get; }

    /// <summary>Ends socat: both pseudo-terminals hang up, as when a USB adapter is pulled.</summary>
    public void PullCable()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit();
        }
    }

    public void Dispose()
    {
        PullCable();
        _socat.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a benchmark over.
        }
    }
}
