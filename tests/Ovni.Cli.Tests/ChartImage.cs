// A chart as a user opens it: the PNG file is read back byte by byte (signature, size in IHDR) and decoded, and the
// places where ScottPlot put the data (its own axis mapping of the last render) must hold the series' colour.
using System.Buffers.Binary;
using ScottPlot;
using SkiaSharp;

namespace Ovni.Cli.Tests;

internal sealed class ChartImage : IDisposable
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly SKBitmap _bitmap;

    private ChartImage(SKBitmap bitmap) => _bitmap = bitmap;

    /// <summary>Reads a PNG file, checking its signature and that its header says <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static ChartImage Open(string path, int width, int height)
    {
        byte[] png = File.ReadAllBytes(path);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        SKBitmap? bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        return new ChartImage(bitmap);
    }

    /// <summary>
    /// True when a pixel within <paramref name="radius"/> of <paramref name="at"/> shows <paramref name="color"/> drawn over the
    /// white plot area at half coverage or more (a thin line's anti-aliased edge is such a mix).
    /// </summary>
    public bool HasColorNear(Pixel at, Color color, int radius = 3)
    {
        for (int dy = -radius; dy <= radius; dy++)
        for (int dx = -radius; dx <= radius; dx++)
        {
            int x = (int)Math.Round(at.X) + dx, y = (int)Math.Round(at.Y) + dy;
            if (x < 0 || y < 0 || x >= _bitmap.Width || y >= _bitmap.Height) continue;
            if (IsMixOverWhite(_bitmap.GetPixel(x, y), color)) return true;
        }
        return false;
    }

    // pixel = a·colour + (1 − a)·white per channel; a from least squares, then every channel within 24 of that mix.
    private static bool IsMixOverWhite(SKColor pixel, Color color)
    {
        double[] p = [pixel.Red, pixel.Green, pixel.Blue], c = [color.R, color.G, color.B];
        double num = 0, den = 0;
        for (int i = 0; i < 3; i++) { num += (255 - p[i]) * (255 - c[i]); den += (255 - c[i]) * (255 - c[i]); }
        double a = den == 0 ? 1 : num / den;
        if (a < 0.5 || a > 1.1) return false;
        for (int i = 0; i < 3; i++) if (Math.Abs(a * c[i] + (1 - a) * 255 - p[i]) > 24) return false;
        return true;
    }

    /// <summary>Asserts that every point (x, y) of a series is drawn in its colour where the plot's axes put it.</summary>
    public void AssertSeriesDrawn(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Color color, IYAxis? yAxis = null)
    {
        for (int i = 0; i < xs.Count; i++)
        {
            Pixel at = plot.GetPixel(new Coordinates(xs[i], ys[i]), plot.Axes.Bottom, yAxis ?? plot.Axes.Left);
            Assert.True(HasColorNear(at, color), $"point {i} ({xs[i]}, {ys[i]}) is not drawn in {color.ToHex()} at pixel ({at.X:0}, {at.Y:0})");
        }
    }

    public void Dispose() => _bitmap.Dispose();
}
