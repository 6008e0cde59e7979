// Turns a driver status into a CudaException carrying the failed call's source text.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

internal static unsafe class CudaCheck
{
    public static void ThrowIfFailed(CudaResult result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result != CudaResult.Success)
        {
            throw Failure(result, call, null);
        }
    }

    public static CudaException Failure(CudaResult result, string call, string? detail)
    {
        (string? name, string? text) = Describe(result);
        return new CudaException(result, call, name, text, detail);
    }

    /// <summary>The driver's name and description of a code; nulls when the driver cannot say.</summary>
    public static (string? Name, string? Text) Describe(CudaResult result)
    {
        try
        {
            byte* name = null;
            byte* text = null;
            string? nameText = CudaApi.cuGetErrorName(result, &name) == CudaResult.Success && name != null
                ? Marshal.PtrToStringUTF8((nint)name) : null;
            string? description = CudaApi.cuGetErrorString(result, &text) == CudaResult.Success && text != null
                ? Marshal.PtrToStringUTF8((nint)text) : null;
            return (nameText, description);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return (null, null);
        }
    }
}
