using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// The device-side input and output of a session run as a CUDA graph (--cuda-graph). ONNX Runtime replays a
/// captured graph only when the inputs and outputs stay at the same device addresses, so they are allocated once in
/// GPU memory and bound; each step copies the stacked observation up and the actions down with cudaMemcpy (CUDA's
/// runtime, libcudart.so.13, which a CUDA 13 machine has).
/// </summary>
internal sealed unsafe partial class CudaGraphIo : IDisposable
{
    private const int HostToDevice = 1;
    private const int DeviceToHost = 2;

    private readonly OrtMemoryInfo _memoryInfo;
    private readonly OrtAllocator _allocator;
    private readonly void* _inputDevice;
    private readonly void* _outputDevice;
    private readonly nuint _inputBytes;
    private readonly nuint _outputBytes;

    public CudaGraphIo(InferenceSession session, int deviceId, int inputLength, int outputLength)
    {
        _memoryInfo = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.Default);
        _allocator = new OrtAllocator(session, _memoryInfo);
        Input = OrtValue.CreateAllocatedTensorValue(_allocator, TensorElementType.Float, [1, inputLength]);
        Output = OrtValue.CreateAllocatedTensorValue(_allocator, TensorElementType.Float, [1, outputLength]);
        // Device addresses: never dereferenced here, only handed to cudaMemcpy.
        _inputDevice = Unsafe.AsPointer(ref MemoryMarshal.GetReference(Input.GetTensorMutableRawData()));
        _outputDevice = Unsafe.AsPointer(ref MemoryMarshal.GetReference(Output.GetTensorMutableRawData()));
        _inputBytes = (nuint)(inputLength * sizeof(float));
        _outputBytes = (nuint)(outputLength * sizeof(float));
    }

    public OrtValue Input { get; }

    public OrtValue Output { get; }

    public void Upload(float[] pinnedInput)
    {
        fixed (float* host = pinnedInput)
        {
            Check(CudaMemcpy(_inputDevice, host, _inputBytes, HostToDevice), "copying the observation to the GPU");
        }
    }

    public void Download(float[] pinnedOutput)
    {
        fixed (float* host = pinnedOutput)
        {
            Check(CudaMemcpy(host, _outputDevice, _outputBytes, DeviceToHost), "copying the actions from the GPU");
        }
    }

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new PolicySessionException($"CUDA error {status} {what} (cudaMemcpy)");
        }
    }

    [LibraryImport("libcudart.so.13", EntryPoint = "cudaMemcpy")]
    private static partial int CudaMemcpy(void* destination, void* source, nuint count, int kind);

    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
        _allocator.Dispose();
        _memoryInfo.Dispose();
    }
}
