// What a user needs to know to pick a CUDA device.
namespace Ovni.Devices.Cuda;

/// <summary>Properties of one CUDA device.</summary>
/// <param name="Ordinal">The device's index (0-based).</param>
/// <param name="Name">The driver's name for the device.</param>
/// <param name="ComputeCapability">SM version, e.g. 8.6.</param>
/// <param name="TotalMemoryBytes">Device memory in bytes.</param>
/// <param name="MultiprocessorCount">Number of streaming multiprocessors.</param>
internal sealed record CudaDeviceInfo(int Ordinal, string Name, Version ComputeCapability, long TotalMemoryBytes, int MultiprocessorCount);
