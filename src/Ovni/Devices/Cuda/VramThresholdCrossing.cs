// What a VramMonitor reports.
namespace Ovni.Devices.Cuda;

/// <summary>Free device memory crossed a configured threshold.</summary>
/// <param name="ThresholdBytes">The threshold crossed.</param>
/// <param name="Direction">Which way it was crossed.</param>
/// <param name="Sample">The sample that crossed it.</param>
internal sealed record VramThresholdCrossing(long ThresholdBytes, VramThresholdDirection Direction, VramSample Sample);
