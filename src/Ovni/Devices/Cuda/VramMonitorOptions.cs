// How a VramMonitor samples and when it reports.
namespace Ovni.Devices.Cuda;

/// <summary>Settings of a <see cref="VramMonitor"/>.</summary>
internal sealed record VramMonitorOptions
{
    /// <summary>Time between samples of free memory.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Free-memory levels in bytes; falling below one, and later rising back above it, is reported.</summary>
    public IReadOnlyList<long> FreeBytesThresholds { get; init; } = [];

    /// <summary>
    /// How far above a threshold free memory must rise before "back above" is reported, so memory hovering at a
    /// threshold does not report on every sample.
    /// </summary>
    public long HysteresisBytes { get; init; } = 64L * 1024 * 1024;
}
