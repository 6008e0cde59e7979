namespace Ovni.Encoding.Library;

/// <summary>
/// Which files are worth re-encoding. Each skip is recorded with its reason, so a rescan never probes the
/// file again while it is unchanged.
/// </summary>
public sealed record LibraryFilters
{
    /// <summary>Files shorter than this are skipped. Default 10 s.</summary>
    public TimeSpan MinDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Files smaller than this many bytes are skipped. Default 50 MB.</summary>
    public long MinSizeBytes { get; init; } = 50_000_000;

    /// <summary>
    /// Minimum video bit rate (bits per second) per resolution class: a file already below it is efficient enough.
    /// Defaults: SD 1 Mb/s, 720p 2 Mb/s, 1080p 4 Mb/s, 4K 12 Mb/s.
    /// </summary>
    public IReadOnlyDictionary<ResolutionClass, long> MinBitRate { get; init; } = new Dictionary<ResolutionClass, long>
    {
        [ResolutionClass.Sd] = 1_000_000,
        [ResolutionClass.Hd720] = 2_000_000,
        [ResolutionClass.Hd1080] = 4_000_000,
        [ResolutionClass.Uhd4K] = 12_000_000,
    };

    /// <summary>Video codecs (FFmpeg names) that are already efficient: such files are skipped. Default av1, hevc.</summary>
    public IReadOnlyList<string> SkipCodecs { get; init; } = ["av1", "hevc"];

    /// <summary>Files whose larger side exceeds this many pixels are skipped (0 = no limit).</summary>
    public int MaxResolution { get; init; }
}
