namespace Ovni.Encoding;

/// <summary>
/// Chooses each chunk's own encoder settings before it is encoded, e.g. the CRF at which that chunk reaches a target
/// VMAF (per-chunk target-quality search). Without one, every chunk gets the same settings (fixed CRF).
/// </summary>
public interface IChunkSettingsSelector
{
    /// <summary>A short description stored in the plan's settings (a plan made for another target is not reused).</summary>
    string Description { get; }

    /// <summary>The settings for <paramref name="chunk"/>, starting from <paramref name="baseline"/> (encoder, preset, …).</summary>
    Task<VideoEncoderOptions> ChooseAsync(string source, ChunkSpan chunk, VideoTimeline timeline, VideoEncoderOptions baseline, CancellationToken cancellationToken);
}
