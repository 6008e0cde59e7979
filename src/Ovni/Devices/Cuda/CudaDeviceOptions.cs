// Limits of a CUDA device's frame pools: device memory is scarce and a leaked frame should surface as an
// error naming the pool, not as an out-of-memory failure somewhere else.
namespace Ovni.Devices.Cuda;

/// <summary>Settings of a <see cref="CudaDevice"/>.</summary>
internal sealed record CudaDeviceOptions
{
    /// <summary>Most frames one pool (one format and size) keeps on the device at once. Default 64.</summary>
    public int MaxFramesPerPool { get; init; } = 64;

    /// <summary>Most pools (format and size combinations) kept; the least recently used is released beyond it. Default 8.</summary>
    public int MaxCachedPools { get; init; } = 8;
}
