namespace Ovni;

/// <summary>
/// How video is encoded. <see cref="Encoder"/> is an FFmpeg encoder name (libx264, libx265,
/// libsvtav1, libaom-av1, h264_nvenc, …); the typed settings map to that encoder's own options.
/// </summary>
public sealed record VideoEncoderOptions
{
    /// <summary>FFmpeg encoder name. Default libx264.</summary>
    public string Encoder { get; init; } = "libx264";

    /// <summary>Constant rate factor (quality target; lower is better). Null leaves the encoder's default.</summary>
    public int? Crf { get; init; }

    /// <summary>Constant quantiser. Null leaves the encoder's default.</summary>
    public int? Qp { get; init; }

    /// <summary>Target bit rate in bits per second (average bit rate mode).</summary>
    public long? BitRate { get; init; }

    /// <summary>Speed/quality preset in the encoder's own vocabulary ("medium", "veryfast"; SVT-AV1: "0".."13").</summary>
    public string? Preset { get; init; }

    /// <summary>Maximum distance between key frames, in frames.</summary>
    public int? Gop { get; init; }

    /// <summary>
    /// Frames (0-based, counted in the order they are written) that must be coded as key frames nothing before them refers to
    /// (IDR with libx264/libx265/NVENC, a key frame with SVT-AV1), as FFmpeg's <c>-force_key_frames</c> does: lets one encoder
    /// code several independent segments back to back. Null or empty leaves key frames to the encoder.
    /// </summary>
    public IReadOnlySet<long>? ForcedKeyFrames { get; init; }

    /// <summary>Pixel format of the encoded video; null keeps the source's when the encoder supports it, else 4:2:0 of the same depth.</summary>
    public PixelFormat? PixelFormat { get; init; }

    /// <summary>
    /// Frame rate written to the stream and told to the encoder; null uses the source's (or 25 when unknown). Set it when
    /// writing frames without a source stream: rate control depends on it (x265 codes 10 fps frames announced as 25 fps
    /// visibly worse at the same CRF).
    /// </summary>
    public Rational? FrameRate { get; init; }

    /// <summary>Encoder threads; 0 lets the encoder choose.</summary>
    public int Threads { get; init; }

    /// <summary>Further encoder options by FFmpeg name (e.g. ["tune"] = "film", ["x265-params"] = "…"). Unknown names are an error.</summary>
    public IReadOnlyDictionary<string, string>? ExtraOptions { get; init; }

    /// <summary>
    /// Whether <paramref name="encoder"/> (an FFmpeg encoder name) can encode on this machine: this FFmpeg has it and,
    /// for NVENC encoders, the NVIDIA encode library and CUDA driver load. Distributed workers use it so that a machine
    /// never takes work it cannot do.
    /// </summary>
    public static unsafe bool IsAvailable(string encoder)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        _ = Interop.FFmpeg.FFmpegRuntime.Layout;
        byte[] name = Interop.Utf8.ToNullTerminated(encoder);
        fixed (byte* p = name)
            if (Interop.FFmpeg.FFmpegApi.avcodec_find_encoder_by_name(p) == null) return false;
        if (!NvencLibrary.IsNvencEncoder(encoder)) return true;
        try
        {
            NvencLibrary.EnsureAvailable(encoder, "(capability check)");
            return true;
        }
        catch (OvniException)
        {
            return false;
        }
    }

    /// <summary>Encoder names for the short codec names the CLI accepts.</summary>
    public static string EncoderFor(string codec) => codec.ToLowerInvariant() switch
    {
        "h264" or "avc" or "x264" => "libx264",
        "hevc" or "h265" or "x265" => "libx265",
        "av1" or "svtav1" => "libsvtav1",
        "aom" or "libaom" => "libaom-av1",
        "vp9" => "libvpx-vp9",
        _ => codec,
    };
}
