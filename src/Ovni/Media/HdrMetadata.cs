// Why: HDR10 pictures are graded for a mastering display; players tone-map them with the mastering-display colour volume
// (SMPTE ST 2086) and the content light levels (MaxCLL/MaxFALL). Decoders attach both to every frame as side data, but
// FFmpeg 5.1's encoder wrappers (libx265, libsvtav1, NVENC) ignore frame side data, so a transcode silently lost them.
// They reach the bitstream through the encoders' own parameters (x265-params master-display/max-cll, svtav1-params
// mastering-display/content-light) and the container through the stream's side data (Matroska MasteringMetadata,
// MP4 mdcv/clli where the muxer writes them).
using System.Globalization;
using Microsoft.Extensions.Logging;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>The static HDR10 metadata of a frame (AVMasteringDisplayMetadata, AVContentLightMetadata) and where it goes.</summary>
internal sealed unsafe class HdrMetadata
{
    private const int FrameMasteringDisplay = 11, FrameContentLightLevel = 14, FrameHdr10Plus = 17; // AVFrameSideDataType
    private const int PacketMasteringDisplay = 20, PacketContentLightLevel = 22;                     // AVPacketSideDataType
    private const int MasteringSize = 88, ContentLightSize = 8; // sizeof(AVMasteringDisplayMetadata), sizeof(AVContentLightMetadata)

    private readonly byte[]? _mastering;
    private readonly byte[]? _contentLight;

    private HdrMetadata(byte[]? mastering, byte[]? contentLight, bool hdr10Plus)
    {
        _mastering = mastering;
        _contentLight = contentLight;
        HasHdr10Plus = hdr10Plus;
    }

    /// <summary>The frame carried HDR10+ (SMPTE ST 2094-40) dynamic metadata.</summary>
    internal bool HasHdr10Plus { get; }

    /// <summary>Mastering display primaries and white point (x, y: R, G, B, W) and luminance (max, min in cd/m²), when complete.</summary>
    internal (double[] Chromaticity, double MaxLuminance, double MinLuminance)? MasteringDisplay
    {
        get
        {
            if (_mastering is null) return null;
            fixed (byte* m = _mastering)
            {
                if (*(int*)(m + 80) == 0 || *(int*)(m + 84) == 0) return null; // has_primaries, has_luminance
                Rational* r = (Rational*)m;
                var chromaticity = new double[8];
                for (int i = 0; i < 8; i++) chromaticity[i] = r[i].ToDouble(); // [3][2] primaries, then white point
                return (chromaticity, r[9].ToDouble(), r[8].ToDouble());
            }
        }
    }

    /// <summary>MaxCLL and MaxFALL in cd/m².</summary>
    internal (uint MaxCll, uint MaxFall)? ContentLight
    {
        get
        {
            if (_contentLight is null) return null;
            fixed (byte* c = _contentLight) return (*(uint*)c, *(uint*)(c + 4));
        }
    }

    /// <summary>The HDR metadata attached to <paramref name="frame"/>, or null when it has none.</summary>
    internal static HdrMetadata? Read(GpuFrame frame)
    {
        byte[]? mastering = Copy(frame, FrameMasteringDisplay, MasteringSize);
        byte[]? light = Copy(frame, FrameContentLightLevel, ContentLightSize);
        bool plus = FFmpegApi.av_frame_get_side_data(frame.Native, FrameHdr10Plus) != null;
        return mastering is null && light is null && !plus ? null : new HdrMetadata(mastering, light, plus);
    }

    /// <summary>
    /// Adds the encoder parameters that write this metadata into the bitstream (FFmpeg 5.1's wrappers do not read frame
    /// side data): x265-params for libx265, svtav1-params for libsvtav1; parameters the user set already win.
    /// Returns what the encoder does with HDR10+, for the log.
    /// </summary>
    internal string? AddEncoderOptions(string encoder, Dictionary<string, string> options)
    {
        switch (encoder)
        {
            case "libx265":
                Append(options, "x265-params", "master-display", X265MasterDisplay(), "max-cll", ContentLight is { } l ? $"{l.MaxCll},{l.MaxFall}" : null);
                return "this system's x265 is built without HDR10+ (dhdr10-info) and FFmpeg's libx265 wrapper does not pass per-frame ST 2094-40 metadata";
            case "libsvtav1":
                Append(options, "svtav1-params", "mastering-display", SvtMasteringDisplay(), "content-light", ContentLight is { } c ? $"{c.MaxCll},{c.MaxFall}" : null);
                return "FFmpeg's libsvtav1 wrapper does not pass per-frame ST 2094-40 metadata";
            default:
                return $"FFmpeg's {encoder} wrapper does not pass per-frame ST 2094-40 metadata";
        }
    }

    /// <summary>
    /// Whether the encoder gets the static metadata into the bitstream (libx265, libsvtav1); for the others only the container carries it.
    /// </summary>
    internal static bool EncoderWritesStaticMetadata(string encoder) => encoder is "libx265" or "libsvtav1";

    /// <summary>Puts the static metadata on the output stream, for muxers that write it into the container.</summary>
    internal void AddToStream(byte* stream, string path)
    {
        if (_mastering is not null) StreamSideData.Add(stream, PacketMasteringDisplay, _mastering, "HDR metadata", path);
        if (_contentLight is not null) StreamSideData.Add(stream, PacketContentLightLevel, _contentLight, "HDR metadata", path);
    }

    /// <summary>Logs what was carried where, and what was not.</summary>
    internal void Log(ILogger logger, string path, string encoder, string? hdr10PlusNote)
    {
        logger.LogInformation("{Path}: HDR10 metadata (mastering display {Mastering}, content light {Light}) carried to {Where}",
            path, MasteringDisplay is null ? "none" : "yes", ContentLight is { } l ? $"{l.MaxCll}/{l.MaxFall}" : "none",
            EncoderWritesStaticMetadata(encoder) ? $"the {encoder} bitstream and the container" : "the container");
        if (HasHdr10Plus)
            logger.LogWarning("{Path}: the source's HDR10+ (SMPTE ST 2094-40) dynamic metadata is not carried: {Reason}", path, hdr10PlusNote);
    }

    /// <summary>x265's master-display: G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min), chromaticity in 0.00002, luminance in 0.0001 cd/m².</summary>
    private string? X265MasterDisplay()
    {
        if (MasteringDisplay is not { } m) return null;
        double[] c = m.Chromaticity;
        string P(int i) => $"({Units(c[2 * i], 50000)},{Units(c[2 * i + 1], 50000)})";
        return $"G{P(1)}B{P(2)}R{P(0)}WP{P(3)}L({Units(m.MaxLuminance, 10000)},{Units(m.MinLuminance, 10000)})";
    }

    /// <summary>SVT-AV1's mastering-display: G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min) as decimal numbers.</summary>
    private string? SvtMasteringDisplay()
    {
        if (MasteringDisplay is not { } m) return null;
        double[] c = m.Chromaticity;
        string P(int i) => $"({F(c[2 * i])},{F(c[2 * i + 1])})";
        return $"G{P(1)}B{P(2)}R{P(0)}WP{P(3)}L({F(m.MaxLuminance)},{F(m.MinLuminance)})";
    }

    private static void Append(Dictionary<string, string> options, string key, string name1, string? value1, string name2, string? value2)
    {
        options.TryGetValue(key, out string? existing);
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(existing)) parts.Add(existing);
        // The user's own setting of a parameter wins over the source's metadata.
        if (value1 is not null && !Mentions(existing, name1)) parts.Add($"{name1}={value1}");
        if (value2 is not null && !Mentions(existing, name2)) parts.Add($"{name2}={value2}");
        if (parts.Count > 0) options[key] = string.Join(':', parts);
    }

    private static bool Mentions(string? parameters, string name) =>
        parameters is not null && parameters.Split(':').Any(p => p.StartsWith(name + "=", StringComparison.Ordinal));

    private static byte[]? Copy(GpuFrame frame, int type, int expectedSize)
    {
        byte* data = (byte*)FFmpegApi.av_frame_get_side_data(frame.Native, type);
        if (data == null) return null;
        byte* bytes = *(byte**)(data + 8);
        nuint size = *(nuint*)(data + 16);
        if ((int)size < expectedSize) return null;
        return new ReadOnlySpan<byte>(bytes, expectedSize).ToArray();
    }

    private static long Units(double value, int perUnit) => (long)Math.Round(value * perUnit);

    private static string F(double value) => value.ToString("0.0####", CultureInfo.InvariantCulture);
}
