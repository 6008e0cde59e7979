namespace Ovni.Encoding.Library;

/// <summary>How one file is encoded: encoder, preset, CRF, pixel format, threads, container (FFmpeg muxer name).</summary>
internal sealed record EncodeSettings(string Encoder, string? Preset, int Crf, PixelFormat? PixelFormat, int Threads, string Muxer)
{
    /// <summary>The writer's options; NVENC has no "crf" and takes its constant-quality level as "cq" in VBR mode.</summary>
    internal VideoEncoderOptions ToEncoderOptions()
    {
        bool nvenc = Encoder.EndsWith("_nvenc", StringComparison.Ordinal);
        return new VideoEncoderOptions
        {
            Encoder = Encoder,
            Crf = nvenc ? null : Crf,
            Preset = Preset,
            PixelFormat = PixelFormat,
            Threads = Threads,
            ExtraOptions = nvenc ? new Dictionary<string, string> { ["rc"] = "vbr", ["cq"] = Crf.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                // x265 prints its banner and settings straight to the terminal, through the dashboard; errors still show.
                : Encoder == "libx265" ? new Dictionary<string, string> { ["x265-params"] = "log-level=error" } : null,
        };
    }
}
