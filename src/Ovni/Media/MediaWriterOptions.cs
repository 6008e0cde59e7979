namespace Ovni;

/// <summary>How a <see cref="MediaWriter"/> muxes.</summary>
public sealed record MediaWriterOptions
{
    /// <summary>Container by FFmpeg muxer name ("mp4", "matroska", "mov", "webm"); null guesses from the file extension.</summary>
    public string? Container { get; init; }

    /// <summary>For mp4/mov: move the index to the front so playback can start before download ends. Default true.</summary>
    public bool FastStart { get; init; } = true;

    /// <summary>A file whose audio (and subtitle) streams are copied into the output, timestamps kept; its chapters are carried over too.</summary>
    public string? CopyStreamsFrom { get; init; }

    /// <summary>Copy audio streams from <see cref="CopyStreamsFrom"/>. Default true.</summary>
    public bool CopyAudio { get; init; } = true;

    /// <summary>Copy subtitle streams from <see cref="CopyStreamsFrom"/>. Default true.</summary>
    public bool CopySubtitles { get; init; } = true;

    /// <summary>Shared settings; <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
