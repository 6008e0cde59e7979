namespace Ovni;

/// <summary>How <see cref="MediaConcatenator"/> joins video segments.</summary>
public sealed record ConcatenationOptions
{
    /// <summary>
    /// Presentation timestamps for the joined video, one per frame of all segments together (usually the source's
    /// <see cref="VideoTimeline"/>): frame n of the result is shown exactly at <c>Timeline.Timestamps[n]</c>, whatever
    /// times the segments carried. Null keeps each segment's own spacing and places it right after the previous one.
    /// </summary>
    public VideoTimeline? Timeline { get; init; }

    /// <summary>A file whose audio and subtitle streams, chapters and container metadata are copied into the result, timestamps kept.</summary>
    public string? StreamsFrom { get; init; }

    /// <summary>Copy audio streams from <see cref="StreamsFrom"/>. Default true.</summary>
    public bool CopyAudio { get; init; } = true;

    /// <summary>Copy subtitle streams from <see cref="StreamsFrom"/>. Default true.</summary>
    public bool CopySubtitles { get; init; } = true;

    /// <summary>Copy chapters and container metadata (title, …) from <see cref="StreamsFrom"/>. Default true.</summary>
    public bool CopyChapters { get; init; } = true;

    /// <summary>
    /// Keep the display rotation of <see cref="StreamsFrom"/>'s video (segments encoded from its pictures as coded). Only
    /// MP4 and QuickTime store it with the FFmpeg Ovni ships with; in another container it is left out with a note in
    /// <see cref="ConcatenationResult.SkippedStreams"/>. Default true.
    /// </summary>
    public bool CopyRotation { get; init; } = true;

    /// <summary>Container by FFmpeg muxer name; null guesses from the output's extension.</summary>
    public string? Container { get; init; }

    /// <summary>For mp4/mov: index at the front. Default true.</summary>
    public bool FastStart { get; init; } = true;

    /// <summary>Shared settings (logging); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
