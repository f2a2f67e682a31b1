using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Appends the CUDA or TensorRT provider. Where the ONNX Runtime core was built with it, through the options-object
/// API (the int-only overloads call exported symbols provider-library builds lack). Otherwise the provider ships as
/// its own library (the npm GPU package's libonnxruntime_providers_cuda.so): it is registered once per process as
/// a plugin execution provider and the session is given the requested device.
/// </summary>
internal static class GpuProviders
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Registered = new(StringComparer.Ordinal);

    public static void Append(SessionOptions options, string provider, int deviceId, string? libraryDirectory)
    {
        if (provider is not (ExecutionProviders.Cuda or ExecutionProviders.TensorRt))
        {
            throw new ArgumentException($"'{provider}' is not a GPU provider", nameof(provider));
        }
        if (ExecutionProviders.IsBuiltIn(provider))
        {
            AppendBuiltIn(options, provider, deviceId);
        }
        else
        {
            AppendPlugin(options, provider, deviceId, libraryDirectory);
        }
    }

    private static void AppendBuiltIn(SessionOptions options, string provider, int deviceId)
    {
        var settings = new Dictionary<string, string> { ["device_id"] = deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (provider == ExecutionProviders.Cuda)
        {
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(settings);
            options.AppendExecutionProvider_CUDA(cuda);
        }
        else
        {
            using var trt = new OrtTensorRTProviderOptions();
            trt.UpdateOptions(settings);
            options.AppendExecutionProvider_Tensorrt(trt);
        }
    }

    private static void AppendPlugin(SessionOptions options, string provider, int deviceId, string? libraryDirectory)
    {
        string library = ExecutionProviders.LibraryPath(provider, libraryDirectory)
            ?? throw new ProviderStartException($"no provider library is known for '{provider}'");
        var env = OrtEnv.Instance();
        lock (Gate)
        {
            // One registration per provider per process; a second library for the same provider would clash.
            if (Registered.Add(provider))
            {
                try
                {
                    // Throws OnnxRuntimeException naming the missing CUDA library when the machine lacks one.
                    env.RegisterExecutionProviderLibrary(provider, library);
                }
                catch
                {
                    Registered.Remove(provider);
                    throw;
                }
            }
        }
        string ortName = ExecutionProviders.OrtName(provider);
        var devices = env.GetEpDevices().Where(d => d.EpName == ortName).ToList();
        if (devices.Count == 0)
        {
            throw new ProviderStartException($"{ortName} loaded but found no device on this machine");
        }
        if (deviceId < 0 || deviceId >= devices.Count)
        {
            throw new ProviderStartException($"device {deviceId} was asked for but {ortName} found {devices.Count} (0..{devices.Count - 1})");
        }
        options.AppendExecutionProvider(env, [devices[deviceId]], new Dictionary<string, string>());
    }
}

/// <summary>A provider that exists but cannot run here (no device, missing libraries): may fall back when asked.</summary>
internal sealed class ProviderStartException(string message) : Exception(message);
