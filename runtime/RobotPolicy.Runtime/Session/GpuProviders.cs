using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Appends the CUDA or TensorRT provider the native way, through their option objects. Only a GPU build
/// (Microsoft.ML.OnnxRuntime.Gpu.Linux, -p:RobotPolicyGpu=true) has them; ONNX Runtime then loads the provider's
/// library from beside libonnxruntime.so, and that is where a missing CUDA library shows up (the error names it).
/// </summary>
internal static class GpuProviders
{
    public static void Append(SessionOptions options, string provider, GpuProviderSettings settings)
    {
        var values = new Dictionary<string, string> { ["device_id"] = settings.DeviceId.ToString(CultureInfo.InvariantCulture) };
        if (provider == ExecutionProviders.Cuda)
        {
            if (settings.CudaGraph)
            {
                // Capture the run once and replay it: fewer kernel launches per step. Needs every node on CUDA and
                // the bound tensors at fixed device addresses (CudaGraphIo).
                values["enable_cuda_graph"] = "1";
            }
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(values);
            options.AppendExecutionProvider_CUDA(cuda);
        }
        else if (provider == ExecutionProviders.TensorRt)
        {
            using var trt = new OrtTensorRTProviderOptions();
            trt.UpdateOptions(values);
            options.AppendExecutionProvider_Tensorrt(trt);
        }
        else
        {
            throw new ArgumentException($"'{provider}' is not a GPU provider", nameof(provider));
        }
    }
}

/// <summary>What a GPU provider is started with: the device, and for CUDA whether runs are captured as a CUDA graph.</summary>
internal readonly record struct GpuProviderSettings(int DeviceId, bool CudaGraph = false);
