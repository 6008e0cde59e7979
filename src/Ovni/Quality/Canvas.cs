// Pixel primitives on an RGBA8 buffer (colours as 0xRRGGBB) for the quality chart.
namespace Ovni.Quality;

internal static class Canvas
{
    public static void FillRect(Span<byte> rgba, int width, int height, int x, int y, int w, int h, uint color)
    {
        int x0 = Math.Max(x, 0), y0 = Math.Max(y, 0), x1 = Math.Min(x + w, width), y1 = Math.Min(y + h, height);
        for (int py = y0; py < y1; py++)
            for (int px = x0; px < x1; px++)
                SetPixel(rgba, width, px, py, color);
    }

    public static void SetPixel(Span<byte> rgba, int width, int x, int y, uint color)
    {
        int i = (y * width + x) * 4;
        rgba[i] = (byte)(color >> 16);
        rgba[i + 1] = (byte)(color >> 8);
        rgba[i + 2] = (byte)color;
        rgba[i + 3] = 255;
    }

    // Bresenham line, drawn `thickness` pixels thick so it stays visible on large charts.
    public static void Line(Span<byte> rgba, int width, int height, int x0, int y0, int x1, int y1, uint color, int thickness)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true)
        {
            FillRect(rgba, width, height, x0 - thickness / 2, y0 - thickness / 2, thickness, thickness, color);
            if (x0 == x1 && y0 == y1) break;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }
}
