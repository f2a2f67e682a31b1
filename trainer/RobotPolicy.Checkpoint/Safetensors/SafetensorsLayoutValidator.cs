namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// Checks that the tensors' data_offsets tile the data buffer exactly, as the reference implementation requires:
/// sorted by offset, the first starts at 0, each starts where the previous ends, and the last ends at the end of the
/// buffer. A gap or overlap means the file is corrupt or was written by something that misunderstood the format,
/// and reading it anyway would hand out bytes that belong to another tensor (or to nothing).
/// </summary>
internal static class SafetensorsLayoutValidator
{
    public static void RequireTensorsTileBuffer(IReadOnlyList<TensorInfo> tensors, long dataBufferLength, string sourceName)
    {
        TensorInfo[] byOffset = tensors.OrderBy(t => t.DataBegin).ThenBy(t => t.DataEnd).ToArray();
        long expectedBegin = 0;
        TensorInfo? previous = null;
        foreach (TensorInfo tensor in byOffset)
        {
            string where = $"tensor '{tensor.Name}': data_offsets [{tensor.DataBegin}, {tensor.DataEnd}]";
            if (tensor.DataBegin > expectedBegin)
            {
                throw new SafetensorsFormatException(sourceName, previous is null
                    ? $"{where} leave a gap of {tensor.DataBegin} bytes at the start of the data buffer (the first tensor must begin at 0)"
                    : $"{where} leave a gap of {tensor.DataBegin - expectedBegin} bytes after tensor '{previous.Name}', which ends at {expectedBegin}");
            }
            if (tensor.DataBegin < expectedBegin)
            {
                throw new SafetensorsFormatException(sourceName,
                    $"{where} overlap tensor '{previous!.Name}' at data_offsets [{previous.DataBegin}, {previous.DataEnd}]");
            }
            expectedBegin = tensor.DataEnd;
            previous = tensor;
        }

        if (expectedBegin != dataBufferLength)
        {
            string coverage = previous is null ? "there are no tensors" : $"the last tensor, '{previous.Name}', ends at {expectedBegin}";
            throw new SafetensorsFormatException(sourceName,
                $"data buffer has {dataBufferLength - expectedBegin} bytes that belong to no tensor ({coverage}, the buffer is {dataBufferLength} bytes)");
        }
    }
}
