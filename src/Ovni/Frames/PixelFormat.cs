namespace Ovni;

/// <summary>
/// Pixel layouts Ovni works with. Names follow FFmpeg's (yuv420p, nv12, p010le, …); a decoder may
/// produce others, which appear as <see cref="Other"/> and can be converted with <see cref="FrameOperations.ConvertTo"/> (or <see cref="StreamOperations.ConvertTo"/> for a stream).
/// </summary>
public enum PixelFormat
{
    /// <summary>A layout without an enum value here; its FFmpeg name is in <see cref="VideoStreamInfo.PixelFormatName"/>, and <see cref="FrameOperations.ConvertTo"/> converts it on the host.</summary>
    Other = 0,
    /// <summary>8-bit planar Y, U, V with chroma halved both ways.</summary>
    Yuv420P,
    /// <summary>8-bit Y plane and an interleaved UV plane, chroma halved both ways.</summary>
    Nv12,
    /// <summary>10-bit planar 4:2:0, little-endian 16-bit words, value in the low bits.</summary>
    Yuv420P10,
    /// <summary>12-bit planar 4:2:0, little-endian 16-bit words, value in the low bits.</summary>
    Yuv420P12,
    /// <summary>10-bit NV12 layout, value in the high bits of 16-bit words.</summary>
    P010,
    /// <summary>8-bit planar, chroma halved horizontally.</summary>
    Yuv422P,
    /// <summary>10-bit planar 4:2:2.</summary>
    Yuv422P10,
    /// <summary>8-bit planar, full-resolution chroma.</summary>
    Yuv444P,
    /// <summary>10-bit planar 4:4:4.</summary>
    Yuv444P10,
    /// <summary>8-bit full-range 4:2:0 (JPEG-style), as some cameras tag their streams.</summary>
    Yuvj420P,
    /// <summary>8-bit full-range 4:2:2.</summary>
    Yuvj422P,
    /// <summary>8-bit full-range 4:4:4.</summary>
    Yuvj444P,
    /// <summary>8-bit luma only.</summary>
    Gray8,
    /// <summary>8-bit R, G, B, A interleaved.</summary>
    Rgba,
    /// <summary>8-bit B, G, R, A interleaved.</summary>
    Bgra,
    /// <summary>8-bit R, G, B interleaved.</summary>
    Rgb24,
    /// <summary>Frames that live in CUDA device memory; the layout is the frame's software format.</summary>
    Cuda,
}
