// The CUDA driver API entry points Ovni calls, bound with [LibraryImport] to the library name
// "ovni-cuda" (resolved by CudaLibrary). Only the _v2 exports of functions that have them are used:
// the unversioned names are the 32-bit-size ABI kept for old binaries.
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;

namespace Ovni.Interop.Cuda;

internal static unsafe partial class CudaApi
{
    /// <summary>Every export bound below; checked up front so a too-old driver is "unavailable", not a crash later.</summary>
    internal static readonly string[] EntryPoints =
    [
        "cuInit", "cuDriverGetVersion", "cuGetErrorName", "cuGetErrorString",
        "cuDeviceGetCount", "cuDeviceGet", "cuDeviceGetName", "cuDeviceGetAttribute", "cuDeviceTotalMem_v2",
        "cuDevicePrimaryCtxRetain", "cuDevicePrimaryCtxRelease", "cuCtxCreate_v2", "cuCtxDestroy_v2",
        "cuCtxPushCurrent_v2", "cuCtxPopCurrent_v2", "cuCtxGetCurrent", "cuCtxSynchronize",
        "cuMemAlloc_v2", "cuMemAllocPitch_v2", "cuMemFree_v2", "cuMemGetInfo_v2",
        "cuMemcpyHtoD_v2", "cuMemcpyDtoH_v2", "cuMemcpy2D_v2", "cuMemcpy2DAsync_v2", "cuMemsetD2D8_v2",
        "cuStreamCreate", "cuStreamDestroy_v2", "cuStreamSynchronize",
        "cuModuleLoadDataEx", "cuModuleUnload", "cuModuleGetFunction", "cuLaunchKernel",
    ];

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuInit(uint flags);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDriverGetVersion(int* version);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuGetErrorName(CudaResult error, byte** text);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuGetErrorString(CudaResult error, byte** text);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDeviceGetCount(int* count);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDeviceGet(int* device, int ordinal);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDeviceGetName(byte* name, int length, int device);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDeviceGetAttribute(int* value, CudaDeviceAttribute attribute, int device);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDeviceTotalMem_v2(nuint* bytes, int device);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDevicePrimaryCtxRetain(nint* context, int device);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuDevicePrimaryCtxRelease(int device);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuCtxCreate_v2(nint* context, uint flags, int device);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuCtxDestroy_v2(nint context);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuCtxPushCurrent_v2(nint context);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuCtxPopCurrent_v2(nint* context);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuCtxGetCurrent(nint* context);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuCtxSynchronize();

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemAlloc_v2(ulong* devicePointer, nuint bytes);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemAllocPitch_v2(ulong* devicePointer, nuint* pitch, nuint widthInBytes, nuint height, uint elementSizeBytes);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemFree_v2(ulong devicePointer);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemGetInfo_v2(nuint* freeBytes, nuint* totalBytes);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemcpyHtoD_v2(ulong destination, void* source, nuint bytes);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemcpyDtoH_v2(void* destination, ulong source, nuint bytes);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemcpy2D_v2(CudaMemcpy2D* copy);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemcpy2DAsync_v2(CudaMemcpy2D* copy, nint stream);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuMemsetD2D8_v2(ulong destination, nuint pitch, byte value, nuint width, nuint height);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuStreamCreate(nint* stream, uint flags);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuStreamDestroy_v2(nint stream);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuStreamSynchronize(nint stream);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuModuleLoadDataEx(nint* module, void* image, uint optionCount, CudaJitOption* options, void** optionValues);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuModuleUnload(nint module);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuModuleGetFunction(nint* function, nint module, byte* name);

    [LibraryImport(CudaLibrary.Name)]
    internal static partial CudaResult cuLaunchKernel(nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedMemBytes, nint stream, void** kernelParams, void** extra);
}
