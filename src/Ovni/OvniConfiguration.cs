using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ovni;

/// <summary>
/// Settings shared by readers, writers and pipelines: which compute device to use, how much
/// to buffer between pipeline stages, and where log lines go. <see cref="Default"/> is used
/// when an operation is given none; <see cref="Clone"/> makes a private copy to change.
/// </summary>
public sealed class OvniConfiguration
{
    /// <summary>The configuration used when none is passed.</summary>
    public static OvniConfiguration Default { get; set; } = new();

    /// <summary>Where Ovni (and FFmpeg, through Ovni) log. Defaults to no logging.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Which device runs frame work. <see cref="DeviceKind.Auto"/> picks CUDA when a driver is present.</summary>
    public DeviceKind Device { get; set; } = DeviceKind.Auto;

    /// <summary>Which CUDA device (0-based ordinal) <see cref="DeviceKind.Auto"/> and <see cref="DeviceKind.Cuda"/> use.</summary>
    public int DeviceIndex { get; set; }

    /// <summary>Frames buffered between two pipeline stages (decode → work → encode). Bounds memory; 4–8 keeps cores busy.</summary>
    public int PipelineDepth { get; set; } = 6;

    /// <summary>Codec threads; 0 lets FFmpeg choose (one per core).</summary>
    public int CodecThreads { get; set; }

    /// <summary>A copy that can be changed without affecting this instance.</summary>
    public OvniConfiguration Clone() => (OvniConfiguration)MemberwiseClone();
}
