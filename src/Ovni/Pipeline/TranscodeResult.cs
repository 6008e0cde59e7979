namespace Ovni;

/// <summary>What a transcode produced.</summary>
/// <param name="Output">The file written.</param>
/// <param name="Frames">Video frames encoded.</param>
/// <param name="Elapsed">Wall-clock time of the whole job.</param>
/// <param name="SkippedStreams">What of the source the output container could not hold (streams, attachments, the display rotation).</param>
public sealed record TranscodeResult(string Output, long Frames, TimeSpan Elapsed, IReadOnlyList<string> SkippedStreams)
{
    /// <summary>Frames per second over the whole job.</summary>
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// How the input decoded: errors FFmpeg reported, frames decoded against frames announced, truncation. The output
    /// is a faithful re-encode only when this is <see cref="DecodeReport.IsClean"/> and <see cref="FewerFramesThanAnnounced"/> is false.
    /// </summary>
    public DecodeReport? Input { get; init; }

    /// <summary>True when the output holds fewer frames than the input's container counted (containers with a frame count: MP4, MOV).</summary>
    public bool FewerFramesThanAnnounced => Input is { FramesAnnounced: > 0, FrameCountIsExact: true } input && Frames < input.FramesAnnounced;

    /// <summary>Sentences for people about anything that makes the output less than a faithful copy (empty when there is none).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (Input is { IsClean: false } input) warnings.Add(input.Describe());
            if (FewerFramesThanAnnounced)
                warnings.Add($"'{Output}' holds {Frames} frames; the input '{Input!.Path}' announced {Input.FramesAnnounced}.");
            warnings.AddRange(SkippedStreams);
            return warnings;
        }
    }
}
