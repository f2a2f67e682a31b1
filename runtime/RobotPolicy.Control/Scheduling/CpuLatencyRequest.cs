namespace RobotPolicy.Control.Scheduling;

/// <summary>
/// Asks the kernel's PM QoS for zero CPU wake-up latency (deep idle states off) by writing 0 to /dev/cpu_dma_latency
/// and keeping the file open; closing it withdraws the request. cyclictest does the same: a core waking from a deep
/// C-state adds tens of microseconds to every wake-up. Needs root (or write access to the device).
/// </summary>
public sealed class CpuLatencyRequest : IDisposable
{
    private const string Device = "/dev/cpu_dma_latency";
    private readonly FileStream _device;

    private CpuLatencyRequest(FileStream device) => _device = device;

    /// <summary>The request, or null with <paramref name="why"/> saying why it could not be made.</summary>
    public static CpuLatencyRequest? TryMake(out string? why)
    {
        try
        {
            var device = new FileStream(Device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            device.Write(BitConverter.GetBytes(0));
            why = null;
            return new CpuLatencyRequest(device);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"cannot hold {Device} at 0 µs ({e.Message}): deep CPU idle states stay allowed";
            return null;
        }
    }

    public void Dispose() => _device.Dispose();
}
