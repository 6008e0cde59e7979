using CommunityToolkit.HighPerformance;

namespace Ovni.Captions;

/// <summary>
/// Blends rendered captions into 8-bit YUV frames on the CPU (planar 4:2:0/4:2:2/4:4:4, their full-range
/// "j" variants, and NV12), clipping layers to the frame. Keeps the prepared <see cref="CaptionLayer"/>
/// between frames and rebuilds it only when the captions' version changes. One compositor per stream.
/// </summary>
internal sealed class CaptionCompositor
{
    private CaptionLayer? _layer;

    internal static bool Supports(PixelFormat format) => format is PixelFormat.Yuv420P or PixelFormat.Yuvj420P or PixelFormat.Nv12
        or PixelFormat.Yuv422P or PixelFormat.Yuvj422P or PixelFormat.Yuv444P or PixelFormat.Yuvj444P;

    /// <summary>True when the last call reused the prepared layer instead of rebuilding it.</summary>
    internal bool ReusedLayer { get; private set; }

    internal void Composite(GpuFrame frame, CaptionFrame captions)
    {
        if (captions.Bitmaps.Count == 0) return;
        PixelFormat format = frame.Format;
        if (!Supports(format))
            throw new OvniException($"Captions are composited into 8-bit YUV frames (yuv420p, nv12, yuv422p, yuv444p); frame {frame.Index} is {frame.FormatInfo.Name}. Convert it first.");
        PixelFormatInfo info = frame.FormatInfo;
        bool fullRange = format is PixelFormat.Yuvj420P or PixelFormat.Yuvj422P or PixelFormat.Yuvj444P || frame.Color.Range == ColorRange.Full;
        bool interleaved = format == PixelFormat.Nv12;
        ReusedLayer = _layer is not null && _layer.Fits(captions.Version, info.Log2ChromaWidth, info.Log2ChromaHeight, fullRange, interleaved);
        if (!ReusedLayer) _layer = new CaptionLayer(captions, info.Log2ChromaWidth, info.Log2ChromaHeight, fullRange, interleaved);

        Span2D<byte> luma = frame.GetPlane<byte>(0);
        Span2D<byte> u = frame.GetPlane<byte>(1);
        Span2D<byte> v = interleaved ? default : frame.GetPlane<byte>(2);
        int chromaWidth = frame.GetPlaneWidth<byte>(1) / (interleaved ? 2 : 1);
        int chromaHeight = frame.GetPlaneHeight(1);
        foreach (CaptionLayer.Part part in _layer!.Parts)
        {
            Blend(luma, frame.Width, frame.Height, part.X, part.Y, part.Width, part.Height, part.LumaAlpha, 1, part.ColorY, part.ColorY);
            if (interleaved)
            {
                Blend(u, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, part.ChromaAlpha, 2, part.ColorU, part.ColorV);
            }
            else
            {
                Blend(u, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, part.ChromaAlpha, 1, part.ColorU, part.ColorU);
                Blend(v, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, part.ChromaAlpha, 1, part.ColorV, part.ColorV);
            }
        }
    }

    /// <summary>Blends a w×h alpha block (each sample repeated <paramref name="samples"/> times per position) at (x, y), clipped to the plane.</summary>
    private static void Blend(Span2D<byte> plane, int planeWidth, int planeHeight, int x, int y, int w, int h, byte[] alpha, int samples, byte even, byte odd)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(planeWidth, x + w), y1 = Math.Min(planeHeight, y + h);
        if (x0 >= x1 || y0 >= y1) return;
        for (int row = y0; row < y1; row++)
        {
            Span<byte> destination = plane.GetRowSpan(row).Slice(x0 * samples, (x1 - x0) * samples);
            ReadOnlySpan<byte> source = alpha.AsSpan(((row - y) * w + (x0 - x)) * samples, (x1 - x0) * samples);
            CaptionBlend.BlendRow(destination, source, even, odd);
        }
    }
}
