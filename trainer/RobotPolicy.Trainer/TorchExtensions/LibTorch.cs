using System.Runtime.InteropServices;
using TorchSharp;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>
/// The one place libtorch is started: OpenMP's wait policy before the library loads, the intra-op thread count,
/// the device, and one readable error when the native library cannot load. Every trainer entry point calls
/// <see cref="Start"/> before it makes a tensor.
/// </summary>
public static class LibTorch
{
    private static readonly Lock Gate = new();
    private static bool _started;

    /// <summary>The intra-op threads libtorch uses (after <see cref="Start"/>).</summary>
    public static int Threads { get; private set; }

    // Set when the user chose the thread count (--threads): the size rule below then leaves it alone.
    private static bool _explicitThreads;

    /// <summary>
    /// Starts libtorch once per process. <paramref name="threads"/>: intra-op threads as the user chose them; null
    /// keeps an earlier choice, or the machine's cores until <see cref="FitThreadsTo"/> says otherwise.
    /// </summary>
    public static void Start(int? threads = null)
    {
        lock (Gate)
        {
            if (!_started)
            {
                // libgomp reads OMP_WAIT_POLICY once, when libtorch loads. Its default spins idle threads for a
                // core: with another process on the machine a 2-thread update measured 2,060 ms instead of 366 ms
                // passive. .NET's Environment.SetEnvironmentVariable does not reach the C environment, so setenv it
                // is; a value the user set wins.
                if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null && OperatingSystem.IsLinux())
                {
                    _ = setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
                }
                Load();
                _started = true;
                SetThreads(Environment.ProcessorCount);
            }
            if (threads is int n)
            {
                if (n < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(threads), n, "--threads must be at least 1");
                }
                SetThreads(n);
                _explicitThreads = true;
            }
        }
    }

    /// <summary>
    /// Below this many multiply-adds in a network's largest layer per minibatch, one thread trains fastest. With
    /// passive waiting, every parallel region wakes the sleeping thread again: cart-pole (512 × 64 × 64) took
    /// 12.2 s for 300k steps on 2 threads and 5.7 s on 1; the `bench train` shape (1024 × 256 × 256) takes 208 ms
    /// per update on 2 threads and 239 ms on 1. Spinning instead of sleeping fixes the first and breaks a loaded
    /// machine (16.9 s with the other core busy).
    /// </summary>
    public const long ParallelMultiplyAdds = 16L << 20;

    /// <summary>Unless the user chose a thread count: one thread for networks too small to share, else every core.</summary>
    public static void FitThreadsTo(long largestLayerMultiplyAdds)
    {
        Start();
        lock (Gate)
        {
            if (!_explicitThreads)
            {
                SetThreads(largestLayerMultiplyAdds < ParallelMultiplyAdds ? 1 : Environment.ProcessorCount);
            }
        }
    }

    private static void SetThreads(int n)
    {
        if (n != Threads)
        {
            torch.set_num_threads(n);
            Threads = n;
        }
    }

    /// <summary>The device for <c>--device</c>: cpu, or cuda where this build's libtorch has CUDA.</summary>
    public static torch.Device Device(string name)
    {
        Start();
        switch (name)
        {
            case "cpu":
                return torch.CPU;
            case "cuda":
                if (!torch.cuda.is_available())
                {
                    throw new TorchSetupException(
                        "--device cuda: this build's libtorch has no CUDA (libtorch-cpu-linux-x64); build with -p:RobotPolicyTorchCuda=true, which references libtorch-cuda-12.8-linux-x64, and run on a machine with an NVIDIA driver");
                }
                // The rollout, its generator and the losses live on the CPU today; moving them is the next step.
                throw new TorchSetupException("--device cuda: libtorch sees CUDA, but this version of the trainer keeps its tensors on the CPU; train with --device cpu");
            default:
                throw new TorchSetupException($"--device {name}: expected cpu or cuda");
        }
    }

    private static void Load()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or TypeInitializationException or DllNotFoundException)
        {
            // TorchSharp's own message is a page of probing trace; the cause users can act on is the native library.
            throw new TorchSetupException(
                "libtorch could not be loaded (runtimes/linux-x64/native/libLibTorchSharp.so next to the program); rebuild with `dotnet build` so the build can adapt it to this system's libstdc++, or run `robotpolicy doctor`", e);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}

/// <summary>libtorch cannot run as asked (not loadable here, or no such device): the message says what to do.</summary>
public sealed class TorchSetupException(string message, Exception? inner = null) : Exception(message, inner);
