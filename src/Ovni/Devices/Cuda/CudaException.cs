// The error a failed CUDA driver call becomes: the call as written in the source, the numeric code,
// and the driver's own name and description for it, so a log line is enough to act on.
using Ovni.Interop.Cuda;

namespace Ovni;

/// <summary>A CUDA driver call failed.</summary>
internal sealed class CudaException : OvniException
{
    internal CudaException(CudaResult result, string call, string? errorName, string? errorText, string? detail)
        : base(FormatMessage(result, call, errorName, errorText, detail))
    {
        Result = result;
        Call = call;
        ErrorName = errorName;
        Detail = detail;
    }

    /// <summary>The status the driver returned.</summary>
    internal CudaResult Result { get; }

    /// <summary>The driver's numeric status (<c>CUresult</c>), e.g. 2 for out of memory.</summary>
    public int ErrorCode => (int)Result;

    /// <summary>The driver call that failed, as written in Ovni's source.</summary>
    public string Call { get; }

    /// <summary>The driver's name for <see cref="ErrorCode"/> (<c>cuGetErrorName</c>), when it knows one.</summary>
    public string? ErrorName { get; }

    /// <summary>Extra text from the driver, such as the PTX JIT compiler's error log.</summary>
    public string? Detail { get; }

    private static string FormatMessage(CudaResult result, string call, string? errorName, string? errorText, string? detail)
    {
        string message = $"CUDA call {call} failed with {errorName ?? result.ToString()} ({(int)result})";
        if (!string.IsNullOrEmpty(errorText))
        {
            message += ": " + errorText;
        }
        if (!string.IsNullOrEmpty(detail))
        {
            message += Environment.NewLine + detail;
        }
        return message;
    }
}
