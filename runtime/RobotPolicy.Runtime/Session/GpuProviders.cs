using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Appends the CUDA or TensorRT provider through the options-object API (the V2 entry points in ORT's API table).
/// The int-only overloads call exported symbols that ORT 1.29's provider-library builds no longer have.
/// </summary>
internal static class GpuProviders
{
    public static void Append(SessionOptions options, string provider, int deviceId)
    {
        var settings = new Dictionary<string, string> { ["device_id"] = deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        switch (provider)
        {
            case ExecutionProviders.Cuda:
                using (var cuda = new OrtCUDAProviderOptions())
                {
                    cuda.UpdateOptions(settings);
                    options.AppendExecutionProvider_CUDA(cuda);
                }
                break;
            case ExecutionProviders.TensorRt:
                using (var trt = new OrtTensorRTProviderOptions())
                {
                    trt.UpdateOptions(settings);
                    options.AppendExecutionProvider_Tensorrt(trt);
                }
                break;
        }
    }
}
