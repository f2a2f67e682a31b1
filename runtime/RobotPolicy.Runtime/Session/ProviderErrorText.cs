using System.Text.RegularExpressions;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Turns ONNX Runtime's provider start-up errors into the part a user acts on. ORT's message carries its source
/// file, line and C++ signature ("[ErrorCode:Fail] /onnxruntime_src/...cc:2059 onnxruntime::Provider&amp; ...
/// [ONNXRuntimeError] : 1 : FAIL : Failed to load library X with error: libcublasLt.so.13: cannot open shared
/// object file: ..."); what matters is which library is missing.
/// </summary>
public static partial class ProviderErrorText
{
    public static string Simplify(string message)
    {
        string first = ExecutionProviders.FirstLine(message);
        var missing = MissingLibrary().Match(first);
        if (missing.Success)
        {
            return $"{Path.GetFileName(missing.Groups["library"].Value)} needs {missing.Groups["needed"].Value}, which this machine does not have";
        }
        var core = OrtCore().Match(first);
        return core.Success ? core.Groups["text"].Value.Trim() : first;
    }

    [GeneratedRegex(@"Failed to load library (?<library>\S+) with error: (?<needed>[^\s:]+): cannot open shared object file")]
    private static partial Regex MissingLibrary();

    [GeneratedRegex(@"\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*(?<text>.*)$")]
    private static partial Regex OrtCore();
}
