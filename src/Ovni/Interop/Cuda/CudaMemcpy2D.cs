// Layout of CUDA_MEMCPY2D (driver API, 64-bit): the one struct the 2-D copies pass by pointer.
using System.Runtime.InteropServices;

namespace Ovni.Interop.Cuda;

[StructLayout(LayoutKind.Sequential)]
internal struct CudaMemcpy2D
{
    public nuint SrcXInBytes;
    public nuint SrcY;
    public CudaMemoryType SrcMemoryType;
    public nint SrcHost;
    public ulong SrcDevice;
    public nint SrcArray;
    public nuint SrcPitch;
    public nuint DstXInBytes;
    public nuint DstY;
    public CudaMemoryType DstMemoryType;
    public nint DstHost;
    public ulong DstDevice;
    public nint DstArray;
    public nuint DstPitch;
    public nuint WidthInBytes;
    public nuint Height;
}
