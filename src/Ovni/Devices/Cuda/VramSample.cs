// One reading of device memory.
namespace Ovni.Devices.Cuda;

/// <summary>Free and total device memory at one moment.</summary>
/// <param name="FreeBytes">Free device memory in bytes.</param>
/// <param name="TotalBytes">Total device memory in bytes.</param>
/// <param name="Timestamp">When the sample was taken.</param>
internal readonly record struct VramSample(long FreeBytes, long TotalBytes, DateTimeOffset Timestamp);
