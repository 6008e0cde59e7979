// CUdevice_attribute values Ovni reads.
namespace Ovni.Interop.Cuda;

internal enum CudaDeviceAttribute
{
    MaxThreadsPerBlock = 1,
    MultiprocessorCount = 16,
    TexturePitchAlignment = 51,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
}
