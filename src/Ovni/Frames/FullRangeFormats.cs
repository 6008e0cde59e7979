namespace Ovni;

/// <summary>
/// FFmpeg's "j" formats: the plain planar layouts marked full range by the format itself (a plain format says so in its
/// colour tags instead). Decoders differ in which they give for the same pictures, so code that compares or converts
/// them asks here rather than listing the formats again.
/// </summary>
internal static class FullRangeFormats
{
    /// <summary>True for yuvj420p, yuvj422p and yuvj444p.</summary>
    internal static bool Contains(PixelFormat format) => format is PixelFormat.Yuvj420P or PixelFormat.Yuvj422P or PixelFormat.Yuvj444P;

    /// <summary>The plain format with the same layout (yuvj420p → yuv420p); any other format as it is.</summary>
    internal static PixelFormat Plain(PixelFormat format) => format switch
    {
        PixelFormat.Yuvj420P => PixelFormat.Yuv420P,
        PixelFormat.Yuvj422P => PixelFormat.Yuv422P,
        PixelFormat.Yuvj444P => PixelFormat.Yuv444P,
        _ => format,
    };

    /// <summary>Whether a frame's samples are full range: a "j" format, or tagged full.</summary>
    internal static bool IsFullRange(GpuFrame frame) => Contains(frame.Format) || frame.Color.Range == ColorRange.Full;
}
