// CUmemorytype: which field of a CUDA_MEMCPY2D side is the address.
namespace Ovni.Interop.Cuda;

internal enum CudaMemoryType : uint
{
    Host = 1,
    Device = 2,
    Array = 3,
    Unified = 4,
}
