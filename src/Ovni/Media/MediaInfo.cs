namespace Ovni;

/// <summary>What a media file contains: container, duration and its streams.</summary>
public sealed record MediaInfo
{
    /// <summary>The path the file was opened from.</summary>
    public required string Path { get; init; }

    /// <summary>FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm".</summary>
    public required string Container { get; init; }

    /// <summary>Duration of the whole file (longest stream); zero when unknown.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Overall bit rate in bits per second; 0 when unknown.</summary>
    public long BitRate { get; init; }

    /// <summary>The video stream Ovni decodes (the "best" one by FFmpeg's choice); null for audio-only files.</summary>
    public VideoStreamInfo? Video { get; init; }

    /// <summary>Audio streams in file order.</summary>
    public IReadOnlyList<AudioStreamInfo> AudioStreams { get; init; } = [];

    /// <summary>Subtitle streams in file order.</summary>
    public IReadOnlyList<SubtitleStreamInfo> SubtitleStreams { get; init; } = [];

    /// <summary>Number of streams of every kind, including data and attachment streams.</summary>
    public int StreamCount { get; init; }

    /// <summary>Attachment streams (fonts, cover files) in the container.</summary>
    public int AttachmentCount { get; init; }

    /// <summary>Chapters in the container.</summary>
    public int ChapterCount { get; init; }
}
