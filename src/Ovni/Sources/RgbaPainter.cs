using CommunityToolkit.HighPerformance;

namespace Ovni;

/// <summary>
/// Writes an RGBA picture described by a per-pixel function into a frame of any 8-bit format Ovni
/// generates (RGBA/BGRA/RGB24, gray, planar YUV 4:2:0/4:2:2/4:4:4, NV12). Chroma of subsampled formats is
/// the BT.709 conversion of the average RGB of the pixels it covers. Used once per source, not per frame.
/// </summary>
internal static class RgbaPainter
{
    internal static readonly PixelFormat[] Supported =
    [
        PixelFormat.Rgba, PixelFormat.Bgra, PixelFormat.Rgb24, PixelFormat.Gray8, PixelFormat.Yuv420P, PixelFormat.Yuvj420P,
        PixelFormat.Yuv422P, PixelFormat.Yuv444P, PixelFormat.Nv12,
    ];

    internal static void Paint(GpuFrame frame, Func<int, int, RgbaColor> pixel)
    {
        PixelFormat format = frame.Format;
        int width = frame.Width, height = frame.Height;
        switch (format)
        {
            case PixelFormat.Rgba or PixelFormat.Bgra or PixelFormat.Rgb24:
            {
                Span2D<byte> plane = frame.GetPlane<byte>(0);
                int step = format == PixelFormat.Rgb24 ? 3 : 4;
                for (int y = 0; y < height; y++)
                {
                    Span<byte> row = plane.GetRowSpan(y);
                    for (int x = 0; x < width; x++)
                    {
                        RgbaColor c = pixel(x, y);
                        Span<byte> p = row.Slice(x * step, step);
                        (p[0], p[1], p[2]) = format == PixelFormat.Bgra ? (c.B, c.G, c.R) : (c.R, c.G, c.B);
                        if (step == 4) p[3] = c.A;
                    }
                }
                frame.Color = new ColorInfo(ColorRange.Full, 1, 13, 0); // sRGB
                return;
            }
            case PixelFormat.Gray8 or PixelFormat.Yuv420P or PixelFormat.Yuvj420P or PixelFormat.Yuv422P or PixelFormat.Yuv444P or PixelFormat.Nv12:
                PaintYuv(frame, pixel, format == PixelFormat.Yuvj420P);
                return;
            default:
                throw new OvniException($"Ovni's sources cannot generate {frame.FormatInfo.Name} frames; use one of {string.Join(", ", Supported)} and convert.");
        }
    }

    private static void PaintYuv(GpuFrame frame, Func<int, int, RgbaColor> pixel, bool fullRange)
    {
        int width = frame.Width, height = frame.Height;
        Span2D<byte> luma = frame.GetPlane<byte>(0);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = luma.GetRowSpan(y);
            for (int x = 0; x < width; x++)
            {
                RgbaColor c = pixel(x, y);
                row[x] = Bt709.ToYuv(c.R, c.G, c.B, fullRange).Y;
            }
        }
        if (frame.PlaneCount == 1) { frame.Color = fullRange ? Bt709.FullTags : Bt709.LimitedTags; return; }

        PixelFormatInfo info = frame.FormatInfo;
        int sx = 1 << info.Log2ChromaWidth, sy = 1 << info.Log2ChromaHeight;
        int chromaWidth = (width + sx - 1) / sx, chromaHeight = (height + sy - 1) / sy;
        bool interleaved = frame.Format == PixelFormat.Nv12;
        Span2D<byte> u = frame.GetPlane<byte>(1);
        Span2D<byte> v = interleaved ? default : frame.GetPlane<byte>(2);
        for (int cy = 0; cy < chromaHeight; cy++)
        {
            for (int cx = 0; cx < chromaWidth; cx++)
            {
                double r = 0, g = 0, b = 0;
                int n = 0;
                for (int dy = 0; dy < sy && cy * sy + dy < height; dy++)
                    for (int dx = 0; dx < sx && cx * sx + dx < width; dx++)
                    {
                        RgbaColor c = pixel(cx * sx + dx, cy * sy + dy);
                        r += c.R; g += c.G; b += c.B; n++;
                    }
                (_, byte cb, byte cr) = Bt709.ToYuv(r / n / 255, g / n / 255, b / n / 255, fullRange);
                if (interleaved)
                {
                    u[cy, 2 * cx] = cb;
                    u[cy, 2 * cx + 1] = cr;
                }
                else
                {
                    u[cy, cx] = cb;
                    v[cy, cx] = cr;
                }
            }
        }
        frame.Color = fullRange ? Bt709.FullTags : Bt709.LimitedTags;
    }
}
