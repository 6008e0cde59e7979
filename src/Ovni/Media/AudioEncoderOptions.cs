namespace Ovni;

/// <summary>
/// How <see cref="MediaWriter"/> re-encodes the audio of <see cref="MediaWriterOptions.CopyStreamsFrom"/> instead of copying
/// it: decoded, converted (libswresample) to the encoder's sample format, rate and channels, cut to the video sample by
/// sample, and encoded. Use it when the container cannot hold the source's codec (Vorbis into .mp4) or to make it smaller.
/// </summary>
public sealed record AudioEncoderOptions
{
    /// <summary>
    /// "aac" (FFmpeg's native AAC encoder, default) or "opus" (libopus); any other FFmpeg audio encoder name is passed as is.
    /// </summary>
    public string Codec { get; init; } = "aac";

    /// <summary>Bit rate in bits per second; null: 64 kb/s per channel for AAC, 48 kb/s per channel for Opus and others.</summary>
    public long? BitRate { get; init; }

    /// <summary>Channels (1 mono, 2 stereo, …; the default layout for that count); null keeps the source's.</summary>
    public int? Channels { get; init; }

    /// <summary>
    /// Sample rate in Hz; null keeps the source's when the encoder takes it (Opus takes only 48000, 24000, 16000, 12000 and
    /// 8000 Hz; other rates go to the nearest higher one it takes).
    /// </summary>
    public int? SampleRate { get; init; }

    /// <summary>Further encoder options by FFmpeg name (e.g. ["application"] = "audio" for libopus). Unknown names are an error.</summary>
    public IReadOnlyDictionary<string, string>? ExtraOptions { get; init; }

    /// <summary>The FFmpeg encoder for <see cref="Codec"/>: "opus" means libopus (FFmpeg's own Opus encoder is experimental).</summary>
    internal string EncoderName => Codec.ToLowerInvariant() switch
    {
        "opus" => "libopus",
        _ => Codec,
    };
}
