using System.Globalization;
using Ovni.IO;

namespace Ovni.Encoding;

/// <summary>
/// Per-chunk target quality: each chunk gets the highest CRF at which its own frames reach the target VMAF. The chunk's
/// frames are cut from the source frame-exactly into a lossless temporary file and searched whole by
/// <see cref="TargetQualitySearch"/> with the chunk's real encoder, preset and options (a chunk is one scene, a few
/// seconds long, so samples would not be cheaper and could miss its hardest part).
/// </summary>
public sealed class TargetVmafChunkSettings : IChunkSettingsSelector
{
    private readonly TargetQualityOptions _search;

    /// <summary>Searches each chunk with these options; the encoder, preset and encoder options come from the chunk's baseline settings.</summary>
    /// <param name="search">Target, CRF range, pooling, probes, models (sample placement is always the whole chunk).</param>
    public TargetVmafChunkSettings(TargetQualityOptions search)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (!(search.TargetVmaf > 0 && search.TargetVmaf <= 100))
            throw new OvniException($"The target VMAF must be above 0 and at most 100, got {search.TargetVmaf.ToString(CultureInfo.InvariantCulture)}.");
        _search = search;
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"target-vmaf={_search.TargetVmaf},pool={_search.Pooling},crf={_search.MinCrf}-{_search.MaxCrf},probes={_search.MaxProbes}");

    /// <inheritdoc />
    public async Task<VideoEncoderOptions> ChooseAsync(string source, ChunkSpan chunk, VideoTimeline timeline, VideoEncoderOptions baseline,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(baseline);
        using ScratchFolder scratch = ScratchFolder.Create("chunk-tq");
        string temp = scratch.Path;
        // FFV1 keeps any pixel format losslessly, so the search scores the chunk's own frames.
        string frames = Path.Combine(temp, chunk.FileName);
        await ChunkEncoder.EncodeAsync(source, chunk, timeline, new VideoEncoderOptions { Encoder = "ffv1", PixelFormat = baseline.PixelFormat },
            frames, cancellationToken: cancellationToken).ConfigureAwait(false);
        var search = new TargetQualitySearch(_search with
        {
            Encoder = baseline.Encoder,
            Preset = baseline.Preset,
            EncoderOptions = baseline.ExtraOptions,
            Placement = SamplePlacement.WholeFile,
            Parallelism = _search.Parallelism > 0 ? _search.Parallelism : 1, // the chunks already run side by side
            CachePath = null, // the lossless file is new every time; its identity would never hit
        });
        TargetQualityResult answer = await search.SearchAsync(frames, cancellationToken: cancellationToken).ConfigureAwait(false);
        // VideoEncoderOptions takes whole CRFs: round towards better quality so the target still holds.
        return baseline with { Crf = (int)Math.Floor(answer.Crf), Qp = null, BitRate = null };
    }
}
