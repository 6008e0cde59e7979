// Geometry of the planar YUV frames a quality scorer compares; also the layout of raw .yuv files.
namespace Ovni.Quality;

/// <summary>Size, bit depth and chroma layout of planar YUV frames.</summary>
/// <param name="Width">Luma width in pixels.</param>
/// <param name="Height">Luma height in pixels.</param>
/// <param name="BitDepth">Bits per sample: 8, 10 or 12 (above 8, samples are 16-bit little-endian words).</param>
/// <param name="Chroma">Chroma subsampling.</param>
internal readonly record struct YuvFormat(int Width, int Height, int BitDepth = 8, ChromaSubsampling Chroma = ChromaSubsampling.Yuv420)
{
    /// <summary>Width of the U and V planes (rounded up, as FFmpeg does).</summary>
    public int ChromaWidth => Chroma == ChromaSubsampling.Yuv444 ? Width : (Width + 1) / 2;

    /// <summary>Height of the U and V planes (rounded up, as FFmpeg does).</summary>
    public int ChromaHeight => Chroma == ChromaSubsampling.Yuv420 ? (Height + 1) / 2 : Height;

    /// <summary>Bytes per sample: 1 for 8-bit, 2 above.</summary>
    public int BytesPerSample => BitDepth > 8 ? 2 : 1;

    /// <summary>Size of one frame in a raw planar .yuv file.</summary>
    public long FrameBytes => ((long)Width * Height + 2L * ChromaWidth * ChromaHeight) * BytesPerSample;

    /// <summary>The geometry of planar frames of <paramref name="format"/> (the public entry points name a <see cref="PixelFormat"/>).</summary>
    /// <exception cref="OvniException">The format is not planar YUV.</exception>
    internal static YuvFormat Of(int width, int height, PixelFormat format) => format switch
    {
        PixelFormat.Yuv420P or PixelFormat.Yuvj420P => new(width, height),
        PixelFormat.Yuv420P10 => new(width, height, 10),
        PixelFormat.Yuv420P12 => new(width, height, 12),
        PixelFormat.Yuv422P or PixelFormat.Yuvj422P => new(width, height, 8, ChromaSubsampling.Yuv422),
        PixelFormat.Yuv422P10 => new(width, height, 10, ChromaSubsampling.Yuv422),
        PixelFormat.Yuv444P or PixelFormat.Yuvj444P => new(width, height, 8, ChromaSubsampling.Yuv444),
        PixelFormat.Yuv444P10 => new(width, height, 10, ChromaSubsampling.Yuv444),
        _ => throw new OvniException(
            $"Frames to score must be planar YUV (yuv420p, yuv420p10, yuv420p12, yuv422p, yuv422p10, yuv444p, yuv444p10), got {format}."),
    };

    internal void Validate()
    {
        if (Width < 16 || Height < 16)
            throw new OvniException($"Frames must be at least 16x16 to be scored, got {Width}x{Height}.");
        if (BitDepth is not (8 or 10 or 12))
            throw new OvniException($"Bit depth must be 8, 10 or 12 to be scored, got {BitDepth}.");
    }
}
