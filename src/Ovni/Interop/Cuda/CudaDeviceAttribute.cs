// CUdevice_attribute values Ovni reads.
namespace Ovni.Interop.Cuda;

internal enum CudaDeviceAttribute
{
    MaxThreadsPerBlock = 1,
    MultiprocessorCount = 16,
    /// <summary>CU_DEVICE_ATTRIBUTE_TEXTURE_ALIGNMENT: hwcontext_cuda aligns CUDA frame rows to it.</summary>
    TextureAlignment = 14,
    TexturePitchAlignment = 51,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
}
