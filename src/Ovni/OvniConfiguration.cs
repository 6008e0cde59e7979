using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ovni;

/// <summary>
/// Settings every entry point honours: which compute device to use, where log lines (Ovni's and FFmpeg's) go, how
/// much to buffer between pipeline stages, and the pools frames come from. <see cref="MediaReader"/>,
/// <see cref="MediaWriter"/>, <see cref="Transcoder"/>, <see cref="Quality.QualityScorer"/> and the operations (through
/// the frames a reader gives them) use the configuration they are handed, or <see cref="Default"/> when none.
/// <see cref="Clone"/> makes a private copy to change.
/// </summary>
/// <example><code>
/// var gpu = new OvniConfiguration { Device = DeviceKind.Auto, Logger = loggerFactory.CreateLogger("ovni") };
/// await using var reader = MediaReader.Open("in.mp4", new MediaReaderOptions { Configuration = gpu });
/// </code></example>
public sealed class OvniConfiguration
{
    /// <summary>The configuration used when none is passed.</summary>
    public static OvniConfiguration Default { get; set; } = new();

    /// <summary>Where Ovni and FFmpeg (for the files and codecs opened under this configuration) log. Defaults to no logging.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>
    /// Which device readers decode to and scorers work on: <see cref="DeviceKind.Cpu"/> (the default),
    /// <see cref="DeviceKind.Cuda"/> (fails clearly without an NVIDIA driver) or <see cref="DeviceKind.Auto"/>
    /// (CUDA when a driver is present, else the CPU). Operations run on the device their frames live on.
    /// </summary>
    public DeviceKind Device { get; set; } = DeviceKind.Cpu;

    /// <summary>Which CUDA device (0-based ordinal) <see cref="DeviceKind.Auto"/> and <see cref="DeviceKind.Cuda"/> use.</summary>
    public int DeviceIndex { get; set; }

    /// <summary>Frames buffered between two pipeline stages (decode → work → encode). Bounds memory; 4–8 keeps cores busy.</summary>
    public int PipelineDepth { get; set; } = 6;

    /// <summary>Codec threads; 0 lets FFmpeg choose (one per core).</summary>
    public int CodecThreads { get; set; }

    /// <summary>
    /// How many host frame pools (one per format and size) operations keep for their output frames; the least recently
    /// used is released beyond it. A pipeline uses a few sizes; the default 24 is plenty.
    /// </summary>
    public int MaxFramePools { get; set; } = 24;

    /// <summary>A copy that can be changed without affecting this instance (frames of the copy come from pools of its own).</summary>
    public OvniConfiguration Clone() => (OvniConfiguration)MemberwiseClone();
}
