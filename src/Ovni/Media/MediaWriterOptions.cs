namespace Ovni;

/// <summary>How a <see cref="MediaWriter"/> muxes.</summary>
public sealed record MediaWriterOptions
{
    /// <summary>Container by FFmpeg muxer name ("mp4", "matroska", "mov", "webm"); null guesses from the file extension.</summary>
    public string? Container { get; init; }

    /// <summary>For mp4/mov: move the index to the front so playback can start before download ends. Default true.</summary>
    public bool FastStart { get; init; } = true;

    /// <summary>
    /// A file whose audio (and subtitle) streams go into the output with the video: cut to the written video's time range and
    /// placed by <see cref="CopyTiming"/> (by default they follow the frames decoded from that file, so a trimmed render gets
    /// the matching audio). Copied as they are, or re-encoded with <see cref="Audio"/>.
    /// </summary>
    public string? CopyStreamsFrom { get; init; }

    /// <summary>Where the copied streams are placed on the output's timeline. Default <see cref="CopiedStreamTiming.FollowVideo"/>.</summary>
    public CopiedStreamTiming CopyTiming { get; init; } = CopiedStreamTiming.FollowVideo;

    /// <summary>Re-encode the audio of <see cref="CopyStreamsFrom"/> with these settings (AAC, Opus, …); null copies it as it is.</summary>
    public AudioEncoderOptions? Audio { get; init; }

    /// <summary>
    /// A stream of <see cref="CopyStreamsFrom"/> that the container cannot hold (Vorbis into .mp4, SubRip into .mp4) is an
    /// error by default, with the muxer's reason; true drops such streams instead (listed in <see cref="MediaWriter.SkippedStreams"/>).
    /// </summary>
    public bool DropUnsupportedStreams { get; init; }

    /// <summary>Copy audio streams from <see cref="CopyStreamsFrom"/>. Default true.</summary>
    public bool CopyAudio { get; init; } = true;

    /// <summary>Copy subtitle streams from <see cref="CopyStreamsFrom"/>. Default true.</summary>
    public bool CopySubtitles { get; init; } = true;

    /// <summary>
    /// Copy attachment streams (fonts of styled subtitles, cover art files) from <see cref="CopyStreamsFrom"/>, with their
    /// file names and MIME types. Only Matroska/WebM can hold them; other containers list them in
    /// <see cref="MediaWriter.SkippedStreams"/>. Default true.
    /// </summary>
    public bool CopyAttachments { get; init; } = true;

    /// <summary>Copy the chapters (start, end, title) of <see cref="CopyStreamsFrom"/>. Default true.</summary>
    public bool CopyChapters { get; init; } = true;

    /// <summary>
    /// Keep the display rotation of <see cref="CopyStreamsFrom"/>'s video (the matrix that turns a phone's portrait video
    /// upright) when the frames written are its pictures as coded. Only MP4 and QuickTime store it with the FFmpeg Ovni
    /// ships with; in another container it is left out with a note in <see cref="MediaWriter.SkippedStreams"/>. Set it
    /// to false when the frames were turned upright already. Default true.
    /// </summary>
    public bool CopyRotation { get; init; } = true;

    /// <summary>Shared settings; <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
