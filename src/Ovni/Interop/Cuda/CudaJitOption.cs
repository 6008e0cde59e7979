// CUjit_option values Ovni passes to cuModuleLoadDataEx to capture the PTX compiler's logs.
namespace Ovni.Interop.Cuda;

internal enum CudaJitOption
{
    InfoLogBuffer = 3,
    InfoLogBufferSizeBytes = 4,
    ErrorLogBuffer = 5,
    ErrorLogBufferSizeBytes = 6,
}
