namespace Ovni;

/// <summary>How a <see cref="MediaWriter"/> muxes.</summary>
public sealed record MediaWriterOptions
{
    /// <summary>Container by FFmpeg muxer name ("mp4", "matroska", "mov", "webm"); null guesses from the file extension.</summary>
    public string? Container { get; init; }

    /// <summary>For mp4/mov: move the index to the front so playback can start before download ends. Default true.</summary>
    public bool FastStart { get; init; } = true;

    /// <summary>A file whose audio (and subtitle) streams are copied into the output, timestamps kept.</summary>
    public string? CopyStreamsFrom { get; init; }

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

    /// <summary>Shared settings; <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
