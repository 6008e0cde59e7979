// Why: overlay, blend/fade/fill and scale twins against independent scalar statements of their documented math.
namespace Ovni.Kernels.Tests;

public sealed unsafe class OpsReferenceTests
{
    [Theory]
    [InlineData(false, -13, 7, 41, 29, 256, false)]
    [InlineData(true, 30, -9, 41, 29, 180, true)]
    [InlineData(false, 80, 50, 40, 30, 256, true)]
    public void OverlayTwinEqualsReference(bool nv12, int posX, int posY, int ow, int oh, int opacity, bool premultiplied)
    {
        const int width = 101, height = 61;
        YuvLayout layout = nv12 ? YuvLayout.Nv12 : YuvLayout.Yuv420P;
        Plane[] frame = YuvLayouts.RandomFrame(layout, width, height, 1);
        Plane[] before = YuvLayouts.Clone(frame);
        using Plane overlay = OverlayBlendScaleParityTests.RandomOverlay(ow, oh, 2);
        try
        {
            if (nv12)
            {
                RgbaOverlay.OverlayRgbaNv12(frame[0].Data, frame[0].Pitch, frame[1].Data, frame[1].Pitch, width, height, overlay.Data,
                    overlay.Pitch, ow, oh, posX, posY, opacity, premultiplied, ColorMatrix.Bt601, YuvRange.Full);
            }
            else
            {
                RgbaOverlay.OverlayRgbaYuv420P(frame[0].Data, frame[0].Pitch, frame[1].Data, frame[1].Pitch, frame[2].Data, frame[2].Pitch,
                    width, height, overlay.Data, overlay.Pitch, ow, oh, posX, posY, opacity, premultiplied, ColorMatrix.Bt601, YuvRange.Full);
            }

            int[] k = ReferenceKernels.ForwardCoefficients(ColorMatrix.Bt601, YuvRange.Full);
            (int A, int R, int G, int B)? Pixel(int x, int y)
            {
                int sx = x - posX, sy = y - posY;
                if (x >= width || y >= height || sx < 0 || sy < 0 || sx >= ow || sy >= oh)
                {
                    return null;
                }

                ReadOnlySpan<byte> p = overlay.Row(sy).Slice(4 * sx, 4);
                int a8 = p[3], r = p[0], g = p[1], b = p[2];
                if (premultiplied && a8 < 255)
                {
                    (r, g, b) = a8 == 0 ? (0, 0, 0) : (Unpremultiply(r, a8), Unpremultiply(g, a8), Unpremultiply(b, a8));
                }

                // a8 in 0..255 maps to 0..256 (a8 + a8/128), then scaled by opacity/256, floored.
                return ((a8 + (a8 >= 128 ? 1 : 0)) * opacity / 256, r, g, b);
            }

            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int expected = before[0].Row(y)[x];
                    if (Pixel(x, y) is { } p)
                    {
                        expected = Mix(expected, ReferenceKernels.Luma(p.R, p.G, p.B, 8, k), p.A);
                    }

                    Assert.Equal(expected, frame[0].Row(y)[x]);
                }
            }

            for (int cy = 0; cy < (height + 1) / 2; cy++)
            {
                for (int cx = 0; cx < (width + 1) / 2; cx++)
                {
                    int alphaSum = 0, uSum = 0, vSum = 0;
                    foreach ((int dx, int dy) in new[] { (0, 0), (1, 0), (0, 1), (1, 1) })
                    {
                        if (Pixel((2 * cx) + dx, (2 * cy) + dy) is { } p)
                        {
                            alphaSum += p.A;
                            uSum += p.A * ReferenceKernels.Chroma(p.R, p.G, p.B, 1, 8, k, 3);
                            vSum += p.A * ReferenceKernels.Chroma(p.R, p.G, p.B, 1, 8, k, 6);
                        }
                    }

                    int uIndex = nv12 ? 2 * cx : cx;
                    int vIndex = nv12 ? (2 * cx) + 1 : cx;
                    Plane uPlane = frame[1], vPlane = nv12 ? frame[1] : frame[2];
                    Plane uBefore = before[1], vBefore = nv12 ? before[1] : before[2];
                    int uExpected = uBefore.Row(cy)[uIndex], vExpected = vBefore.Row(cy)[vIndex];
                    if (alphaSum > 0)
                    {
                        int ac = (int)Math.Round(alphaSum / 4.0, MidpointRounding.AwayFromZero);
                        uExpected = Mix(uExpected, (int)Math.Floor((uSum + (alphaSum / 2)) / (double)alphaSum), ac);
                        vExpected = Mix(vExpected, (int)Math.Floor((vSum + (alphaSum / 2)) / (double)alphaSum), ac);
                    }

                    Assert.Equal(uExpected, uPlane.Row(cy)[uIndex]);
                    Assert.Equal(vExpected, vPlane.Row(cy)[vIndex]);
                }
            }
        }
        finally
        {
            YuvLayouts.Dispose(frame);
            YuvLayouts.Dispose(before);
        }
    }

    private static int Unpremultiply(int c, int a) => Math.Min(255, (int)Math.Floor(((c * 255) + (a / 2)) / (double)a));

    /// <summary>from * (1 - w/256) + to * w/256, rounded half up.</summary>
    private static int Mix(int from, int to, int w) => (int)Math.Floor((((from * (256 - w)) + (to * w)) / 256.0) + 0.5);

    [Fact]
    public void BlendFadeAndFillTwinsEqualReference()
    {
        const int width = 77, height = 13;
        using Plane a = Plane.Random(width, height, 1), b = Plane.Random(width, height, 2), dst = new(width, height);
        foreach (int w in new[] { 0, 1, 100, 255, 256 })
        {
            PlaneBlend.BlendPlane(a.Data, a.Pitch, b.Data, b.Pitch, dst.Data, dst.Pitch, width, height, w);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    Assert.Equal(Mix(a.Row(y)[x], b.Row(y)[x], w), dst.Row(y)[x]);
                }
            }

            PlaneBlend.FadePlane(a.Data, a.Pitch, dst.Data, dst.Pitch, width, height, 16, 235, w);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    Assert.Equal(Mix(a.Row(y)[x], x % 2 == 0 ? 16 : 235, w), dst.Row(y)[x]);
                }
            }
        }

        using Plane fill = a.Clone();
        PlaneBlend.FillRectPlane(fill.Data, fill.Pitch, width, height, -3, 5, 20, 100, 10, 250, 200);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool inside = x < 17 && y >= 5;
                Assert.Equal(inside ? Mix(a.Row(y)[x], x % 2 == 0 ? 10 : 250, 200) : a.Row(y)[x], fill.Row(y)[x]);
            }
        }
    }

    [Theory]
    [InlineData(false, 37, 21, 100, 50, 1)]
    [InlineData(true, 37, 21, 100, 50, 1)]
    [InlineData(true, 120, 80, 31, 17, 2)]
    [InlineData(false, 120, 80, 31, 17, 4)]
    public void ScaleTwinsEqualReference(bool bicubic, int sw, int sh, int dw, int dh, int channels)
    {
        using Plane src = Plane.Random(sw * channels, sh, 5), dst = new(dw * channels, dh);
        if (bicubic)
        {
            PlaneScale.ScalePlaneBicubic(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels);
        }
        else
        {
            PlaneScale.ScalePlaneBilinear(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels);
        }

        int At(int x, int y, int c) => src.Row(Math.Clamp(y, 0, sh - 1))[(Math.Clamp(x, 0, sw - 1) * channels) + c];
        for (int y = 0; y < dh; y++)
        {
            // Exact centre-aligned position in 1/256 pixel, floored (documented definition).
            int py = (int)Math.Floor((((2 * y) + 1) * (double)sh * 256 / (2.0 * dh)) - 128);
            for (int x = 0; x < dw; x++)
            {
                int px = (int)Math.Floor((((2 * x) + 1) * (double)sw * 256 / (2.0 * dw)) - 128);
                int sx = (int)Math.Floor(px / 256.0), sy = (int)Math.Floor(py / 256.0);
                int fx = px - (256 * sx), fy = py - (256 * sy);
                for (int c = 0; c < channels; c++)
                {
                    int expected;
                    if (bicubic)
                    {
                        int[] wx = CatmullRom(fx), wy = CatmullRom(fy);
                        double acc = 0;
                        for (int j = 0; j < 4; j++)
                        {
                            double h = 0;
                            for (int i = 0; i < 4; i++)
                            {
                                h += wx[i] * At(sx - 1 + i, sy - 1 + j, c);
                            }

                            // Documented: each horizontal sum rounded to 1/128 of a code value first.
                            acc += wy[j] * Math.Floor((h / 128) + 0.5);
                        }

                        expected = Math.Clamp((int)Math.Floor((acc / (1L << 21)) + 0.5), 0, 255);
                    }
                    else
                    {
                        double top = (At(sx, sy, c) * (256 - fx)) + (At(sx + 1, sy, c) * fx);
                        double bottom = (At(sx, sy + 1, c) * (256 - fx)) + (At(sx + 1, sy + 1, c) * fx);
                        expected = (int)Math.Floor((((top * (256 - fy)) + (bottom * fy)) / 65536) + 0.5);
                    }

                    Assert.True(expected == dst.Row(y)[(x * channels) + c], $"({x},{y},{c}): twin {dst.Row(y)[(x * channels) + c]} reference {expected}");
                }
            }
        }
    }

    [Theory]
    [InlineData(37, 21, 10, 7, 1)]
    [InlineData(1920, 1080, 640, 360, 1)]
    [InlineData(101, 77, 33, 19, 2)]
    [InlineData(9, 9, 13, 4, 4)]
    public void AreaTwinEqualsReference(int sw, int sh, int dw, int dh, int channels)
    {
        using Plane src = Plane.Random(sw * channels, sh, 6), dst = new(dw * channels, dh);
        PlaneScale.ScalePlaneArea(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels);
        for (int y = 0; y < dh; y++)
        {
            // Destination row y covers source rows [y*sh/dh, (y+1)*sh/dh) as real numbers.
            double top = (double)y * sh / dh, bottom = (double)(y + 1) * sh / dh;
            for (int x = 0; x < dw; x++)
            {
                double left = (double)x * sw / dw, right = (double)(x + 1) * sw / dw;
                for (int c = 0; c < channels; c++)
                {
                    double sum = 0;
                    for (int j = (int)top; j < Math.Ceiling(bottom); j++)
                    {
                        double wy = Math.Min(j + 1, bottom) - Math.Max(j, top);
                        for (int i = (int)left; i < Math.Ceiling(right); i++)
                        {
                            sum += wy * (Math.Min(i + 1, right) - Math.Max(i, left)) * src.Row(j)[(i * channels) + c];
                        }
                    }

                    double mean = sum / ((right - left) * (bottom - top));
                    int actual = dst.Row(y)[(x * channels) + c];
                    // The kernel divides exact integers; the double mean may sit a hair off an exact .5.
                    Assert.True(Math.Abs(actual - mean) <= 0.5 + 1e-9, $"({x},{y},{c}): twin {actual}, exact mean {mean}");
                }
            }
        }
    }

    [Fact]
    public void Lanczos3TableIsNormalisedLanczos()
    {
        int[] table = PlaneScale.CreateLanczos3Table();
        Assert.Equal(256 * 6, table.Length);
        Assert.Equal(new[] { 0, 0, 16384, 0, 0, 0 }, table.AsSpan(0, 6).ToArray()); // fraction 0: the sample itself
        for (int f = 0; f < 256; f++)
        {
            Assert.Equal(16384, table.AsSpan(6 * f, 6).ToArray().Sum());
            double t = f / 256.0;
            double L(double d) => Math.Abs(d) < 1e-12 ? 1 : Math.Abs(d) >= 3 ? 0 : 3 * Math.Sin(Math.PI * d) * Math.Sin(Math.PI * d / 3) / (Math.PI * Math.PI * d * d);
            double norm = Enumerable.Range(0, 6).Sum(k => L(k - 2 - t));
            for (int k = 0; k < 6; k++)
            {
                double ideal = L(k - 2 - t) / norm * 16384;
                Assert.InRange(table[(6 * f) + k], ideal - (k == 2 ? 3 : 0.5), ideal + (k == 2 ? 3 : 0.5));
            }

            // Mirror symmetry: fraction f and 256 - f are each other's reverse (apart from the absorbing tap).
            if (f > 0)
            {
                int[] a = table.AsSpan(6 * f, 6).ToArray(), b = table.AsSpan(6 * (256 - f), 6).ToArray();
                Assert.InRange(a[0] - b[5], -1, 1);
                Assert.InRange(a[5] - b[0], -1, 1);
            }
        }
    }

    /// <summary>Catmull-Rom (a = -0.5) weights in 1/16384, rounded half up; the second absorbs the rounding.</summary>
    private static int[] CatmullRom(int f)
    {
        double t = f / 256.0;
        int w0 = (int)Math.Floor((16384 * ((-t * t * t) + (2 * t * t) - t) / 2) + 0.5);
        int w2 = (int)Math.Floor((16384 * ((-3 * t * t * t) + (4 * t * t) + t) / 2) + 0.5);
        int w3 = (int)Math.Floor((16384 * ((t * t * t) - (t * t)) / 2) + 0.5);
        return [w0, 16384 - w0 - w2 - w3, w2, w3];
    }
}
