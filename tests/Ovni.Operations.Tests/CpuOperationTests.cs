// Every operation on the CPU backend against the scalar reference written from its documented formula.
using System.Drawing;

namespace Ovni.Operations.Tests;

public sealed class CpuOperationTests
{
    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv444P)]
    public void CrossFade_mixes_every_sample_with_the_rounded_weight(PixelFormat format)
    {
        using GpuFrame a = Planes.Synthetic(format, 70, 46, 1);
        using GpuFrame b = Planes.Synthetic(format, 70, 46, 2);
        byte[][,] sa = Planes.Snapshot(a), sb = Planes.Snapshot(b);
        a.CrossFade(b, 0.3);
        int w = 77; // round(0.3 * 256)
        Planes.AssertClose(Map(sa, (p, y, x, v) => ScalarReference.Mix(v, sb[p][y, x], w)), a, 0, "crossfade");
        Planes.AssertClose(sb, b, 0, "crossfade left the other frame unchanged");
    }

    [Fact]
    public void CrossFade_weight_can_be_animated_by_the_frame_timestamp()
    {
        using GpuFrame a = Planes.Synthetic(PixelFormat.Yuv420P, 32, 16, 3);
        using GpuFrame b = Planes.Synthetic(PixelFormat.Yuv420P, 32, 16, 4);
        a.TimeBase = new Rational(1, 10);
        a.Pts = 5; // 0.5 s
        byte[][,] sa = Planes.Snapshot(a), sb = Planes.Snapshot(b);
        a.CrossFade(b, new OperationValue<double>(t => t.TotalSeconds)); // weight 0.5 -> 128
        Planes.AssertClose(Map(sa, (p, y, x, v) => ScalarReference.Mix(v, sb[p][y, x], 128)), a, 0, "animated crossfade");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    public void Fade_moves_samples_towards_the_colour_in_the_frames_matrix(PixelFormat format)
    {
        using GpuFrame frame = Planes.Synthetic(format, 64, 36, 5);
        byte[][,] before = Planes.Snapshot(frame);
        frame.Fade(new RgbaColor(200, 30, 60), 0.6); // untagged SD -> BT.601 limited; weight 154
        (double y, double u, double v) = ScalarReference.Yuv(200, 30, 60, 0, full: false);
        int[] value = [ScalarReference.Round8(y), ScalarReference.Round8(u), ScalarReference.Round8(v)];
        Planes.AssertClose(Map(before, (p, yy, x, s) => ScalarReference.Mix(s, value[ValueIndex(format, p, x)], 154)), frame, 0, "fade");
    }

    [Fact]
    public void DrawRect_blends_the_colour_over_the_clipped_rectangle_and_the_chroma_it_touches()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 64, 48, 6);
        byte[][,] before = Planes.Snapshot(frame);
        var rect = new Rectangle(5, 3, 17, 9);
        frame.DrawRect(rect, new RgbaColor(10, 220, 40, 128)); // alpha 128 + (128 >> 7) = 129
        (double y, double u, double v) = ScalarReference.Yuv(10, 220, 40, 0, full: false);
        int[] value = [ScalarReference.Round8(y), ScalarReference.Round8(u), ScalarReference.Round8(v)];
        byte[][,] expected = Map(before, (p, yy, x, s) =>
        {
            bool inside = p == 0
                ? x >= 5 && x < 22 && yy >= 3 && yy < 12
                : x >= 2 && x < 11 && yy >= 1 && yy < 6; // floor(5/2)..ceil(22/2), floor(3/2)..ceil(12/2)
            return inside ? ScalarReference.Mix(s, value[p], 129) : s;
        });
        Planes.AssertClose(expected, frame, 0, "drawrect");
    }

    [Fact]
    public void Vignette_follows_the_documented_falloff_per_plane()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 80, 44, 7);
        byte[][,] before = Planes.Snapshot(frame);
        frame.Vignette(0.75); // strength 192
        byte[][,] expected = Map(before, (p, y, x, s) =>
        {
            int w = p == 0 ? 80 : 40, h = p == 0 ? 44 : 22, centre = p == 0 ? 16 : 128;
            int nx = (2 * x) + 1 - w, ny = (2 * y) + 1 - h;
            int q = ((nx * nx) + (ny * ny)) * 256 / ((w * w) + (h * h));
            int f = 256 - ((192 * q * q + 32768) >> 16);
            return Math.Clamp(centre + ((((s - centre) * f) + 128) >> 8), 0, 255);
        });
        Planes.AssertClose(expected, frame, 0, "vignette");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P, 96, 54)]
    [InlineData(PixelFormat.Nv12, 40, 30)]
    [InlineData(PixelFormat.Rgba, 57, 23)]
    public void Bilinear_scale_matches_the_centre_aligned_reference_on_every_plane(PixelFormat format, int width, int height)
    {
        using GpuFrame frame = Planes.Synthetic(format, 64, 36, 8);
        byte[][,] before = Planes.Snapshot(frame);
        using GpuFrame scaled = frame.Scale(width, height, ScaleFilter.Bilinear);
        Assert.Equal(format, scaled.Format);
        Assert.Equal(frame.Pts, scaled.Pts);
        var expected = new byte[before.Length][,];
        for (int p = 0; p < before.Length; p++)
        {
            int channels = format == PixelFormat.Rgba ? 4 : format == PixelFormat.Nv12 && p == 1 ? 2 : 1;
            int dw = p == 0 ? width : (width + 1) / 2, dh = p == 0 ? height : (height + 1) / 2;
            expected[p] = ScalarReference.Bilinear(before[p], channels, dw, dh);
        }
        Planes.AssertClose(expected, scaled, 0, "bilinear scale");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P, 1.5)]
    [InlineData(PixelFormat.Nv12, 2.2)]
    [InlineData(PixelFormat.Rgba, 0.8)]
    public void GaussianBlur_is_two_rounded_passes_with_the_documented_taps(PixelFormat format, double sigma)
    {
        using GpuFrame frame = Planes.Synthetic(format, 48, 30, 9);
        byte[][,] before = Planes.Snapshot(frame);
        frame.GaussianBlur(sigma);
        int[] taps = ScalarReference.GaussianTaps(sigma);
        var expected = new byte[before.Length][,];
        for (int p = 0; p < before.Length; p++)
        {
            int channels = format == PixelFormat.Rgba ? 4 : format == PixelFormat.Nv12 && p == 1 ? 2 : 1;
            expected[p] = ScalarReference.BlurPass(ScalarReference.BlurPass(before[p], channels, taps, false), channels, taps, true);
        }
        Planes.AssertClose(expected, frame, 0, "gaussian blur");
    }

    [Fact]
    public unsafe void Crop_on_the_cpu_is_a_zero_copy_view_of_the_rectangle()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Nv12, 64, 40, 10);
        byte[][,] before = Planes.Snapshot(frame);
        using GpuFrame view = frame.Crop(new Rectangle(10, 6, 30, 20));
        Assert.Equal(30, view.Width);
        Assert.Equal(20, view.Height);
        Assert.Equal(frame.GetPlanePointer(0) + (6 * frame.GetPitch(0)) + 10, view.GetPlanePointer(0));
        Assert.Equal(frame.GetPlanePointer(1) + (3 * frame.GetPitch(1)) + 10, view.GetPlanePointer(1));
        byte[][,] expected = [Sub(before[0], 10, 6, 30, 20), Sub(before[1], 10, 3, 30, 10)];
        Planes.AssertClose(expected, view, 0, "crop");
        Assert.Throws<FrameOperationException>(() => frame.Crop(new Rectangle(1, 0, 8, 8)));
        Assert.Throws<FrameOperationException>(() => frame.Crop(new Rectangle(40, 0, 30, 8)));
    }

    [Fact]
    public void Writing_into_a_crop_view_while_the_source_lives_leaves_the_source_unchanged()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 32, 32, 11);
        byte[][,] before = Planes.Snapshot(frame);
        using GpuFrame view = frame.Crop(new Rectangle(8, 8, 16, 16));
        view.Fill(RgbaColor.White);
        Planes.AssertClose(before, frame, 0, "source after writing into its crop view");
        Assert.Equal(235, view.GetPlane<byte>(0)[0, 0]);
    }

    [Fact]
    public void Pad_fills_the_canvas_and_copies_the_frame_unchanged_at_the_offset()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 20, 10, 12);
        byte[][,] before = Planes.Snapshot(frame);
        using GpuFrame padded = frame.Pad(32, 24, 6, 8, RgbaColor.Black);
        byte[][,] expected =
        [
            Canvas(32, 24, 16, before[0], 6, 8),
            Canvas(16, 12, 128, before[1], 3, 4),
            Canvas(16, 12, 128, before[2], 3, 4),
        ];
        Planes.AssertClose(expected, padded, 0, "pad");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv444P)]
    public void ToRgba_matches_the_bt601_formula_within_one_code_value(PixelFormat format)
    {
        using GpuFrame frame = Planes.Synthetic(format, 40, 24, 13, smooth: true);
        byte[][,] s = Planes.Snapshot(frame);
        using GpuFrame rgba = frame.ToRgba();
        var plane = rgba.GetPlane<byte>(0);
        int sub = format == PixelFormat.Yuv444P ? 0 : 1;
        for (int y = 0; y < 24; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                int u, v;
                if (format == PixelFormat.Nv12) (u, v) = (s[1][y >> 1, (x >> 1) * 2], s[1][y >> 1, ((x >> 1) * 2) + 1]);
                else (u, v) = (s[1][y >> sub, x >> sub], s[2][y >> sub, x >> sub]);
                (double r, double g, double b) = ScalarReference.Rgb(s[0][y, x], u, v, 0, full: false);
                Assert.InRange(plane[y, 4 * x] - ScalarReference.Round8(r), -1, 1);
                Assert.InRange(plane[y, (4 * x) + 1] - ScalarReference.Round8(g), -1, 1);
                Assert.InRange(plane[y, (4 * x) + 2] - ScalarReference.Round8(b), -1, 1);
                Assert.Equal(255, plane[y, (4 * x) + 3]);
            }
        }
    }

    [Fact]
    public void FromRgba_takes_luma_per_pixel_and_chroma_of_each_blocks_mean_colour()
    {
        using GpuFrame rgba = Planes.Synthetic(PixelFormat.Rgba, 30, 20, 14);
        byte[][,] s = Planes.Snapshot(rgba);
        using GpuFrame yuv = rgba.FromRgba(PixelFormat.Yuv420P, new ColorInfo(ColorRange.Limited, 1, 1, 1));
        Assert.Equal(1, yuv.Color.Matrix);
        var expected = new byte[3][,];
        expected[0] = new byte[20, 30];
        expected[1] = new byte[10, 15];
        expected[2] = new byte[10, 15];
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 30; x++)
                expected[0][y, x] = (byte)ScalarReference.Round8(ScalarReference.Yuv(s[0][y, 4 * x], s[0][y, (4 * x) + 1], s[0][y, (4 * x) + 2], 1, false).Y);
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 15; x++)
            {
                double r = 0, g = 0, b = 0;
                for (int k = 0; k < 4; k++)
                {
                    int px = (2 * x) + (k & 1), py = (2 * y) + (k >> 1);
                    r += s[0][py, 4 * px] / 4.0;
                    g += s[0][py, (4 * px) + 1] / 4.0;
                    b += s[0][py, (4 * px) + 2] / 4.0;
                }
                (_, double u, double v) = YuvOf(r, g, b);
                expected[1][y, x] = (byte)ScalarReference.Round8(u);
                expected[2][y, x] = (byte)ScalarReference.Round8(v);
            }
        }
        Planes.AssertClose(expected, yuv, 1, "fromrgba");

        static (double, double, double) YuvOf(double r, double g, double b)
        {
            (double kr, double kb) = ScalarReference.Matrix(1);
            double y = ((kr * r) + ((1 - kr - kb) * g) + (kb * b)) / 255;
            return (16 + (219 * y), 128 + (224 * ((b / 255) - y) / (2 * (1 - kb))), 128 + (224 * ((r / 255) - y) / (2 * (1 - kr))));
        }
    }

    [Fact]
    public void Overlay_at_an_integer_position_blends_luma_per_pixel_and_chroma_per_block()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 64, 48, 15);
        using GpuFrame logo = Planes.Synthetic(PixelFormat.Rgba, 20, 14, 16);
        byte[][,] d = Planes.Snapshot(frame), o = Planes.Snapshot(logo);
        frame.Overlay(logo, 7, 5, 0.75); // opacity 192, BT.601 limited (untagged SD)
        int Alpha(int x, int y)
        {
            int ox = x - 7, oy = y - 5;
            if (ox < 0 || oy < 0 || ox >= 20 || oy >= 14) return 0;
            int a = o[0][oy, (4 * ox) + 3];
            return (a + (a >> 7)) * 192 >> 8;
        }
        (double Y, double U, double V) Pixel(int x, int y) => ScalarReference.Yuv(o[0][y - 5, 4 * (x - 7)], o[0][y - 5, (4 * (x - 7)) + 1], o[0][y - 5, (4 * (x - 7)) + 2], 0, false);
        byte[][,] expected = Map(d, (p, y, x, s) =>
        {
            if (p == 0)
            {
                int a = Alpha(x, y);
                return a == 0 ? s : ScalarReference.Mix(s, ScalarReference.Round8(Pixel(x, y).Y), a);
            }
            int sum = 0;
            double weighted = 0;
            for (int k = 0; k < 4; k++)
            {
                int px = (2 * x) + (k & 1), py = (2 * y) + (k >> 1), a = Alpha(px, py);
                sum += a;
                if (a > 0) weighted += a * (p == 1 ? Pixel(px, py).U : Pixel(px, py).V);
            }
            int ac = (sum + 2) >> 2;
            return sum == 0 ? s : ScalarReference.Mix(s, ScalarReference.Round8(weighted / sum), ac);
        });
        Planes.AssertClose(expected, frame, 2, "overlay (reference rounds the overlay's YUV once in double precision)");
    }

    [Fact]
    public void Wrong_formats_and_sizes_throw_a_clear_error()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 16, 16, 17);
        using GpuFrame notRgba = Planes.Synthetic(PixelFormat.Yuv420P, 8, 8, 18);
        var error = Assert.Throws<FrameOperationException>(() => frame.Overlay(notRgba, 0, 0));
        Assert.Contains("rgba", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<FrameOperationException>(() => frame.Scale(0, 4));
        Assert.Throws<FrameOperationException>(() => frame.RoundCorners(2));
        Assert.Throws<FrameOperationException>(() => frame.CrossFade(notRgba, 0.5));
    }

    [Fact]
    public void RoundCorners_scales_alpha_by_the_4x4_coverage_of_the_rounded_rectangle()
    {
        using GpuFrame rgba = Planes.Synthetic(PixelFormat.Rgba, 24, 18, 19);
        byte[][,] s = Planes.Snapshot(rgba);
        const int r = 6;
        rgba.RoundCorners(r);
        var plane = rgba.GetPlane<byte>(0);
        for (int y = 0; y < 18; y++)
        {
            for (int x = 0; x < 24; x++)
            {
                int count = 0;
                for (int j = 0; j < 4; j++)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        double sx = x + ((2 * i) + 1) / 8.0, sy = y + ((2 * j) + 1) / 8.0;
                        double cx = Math.Clamp(sx, r, 24 - r), cy = Math.Clamp(sy, r, 18 - r);
                        if (((sx - cx) * (sx - cx)) + ((sy - cy) * (sy - cy)) <= r * r) count++;
                    }
                }
                int expected = ((s[0][y, (4 * x) + 3] * count) + 8) >> 4;
                Assert.InRange(plane[y, (4 * x) + 3] - expected, -1, 1);
                Assert.Equal(s[0][y, 4 * x], plane[y, 4 * x]); // straight alpha: colour untouched
            }
        }
    }

    [Fact]
    public void ChromaKey_removes_the_key_colour_keeps_distant_colours_and_ramps_between()
    {
        using var pool = new FramePool(PixelFormat.Rgba, 3, 1);
        using GpuFrame rgba = pool.Rent();
        var plane = rgba.GetPlane<byte>(0);
        byte[] pixels = [0, 200, 0, 255, /* key */ 200, 40, 180, 255, /* far (magenta) */ 40, 170, 60, 255 /* near green */];
        for (int i = 0; i < 12; i++) plane[0, i] = pixels[i];
        rgba.ChromaKey(new RgbaColor(0, 200, 0), 20 / ChromaKeyOperation.FullScale, 60 / ChromaKeyOperation.FullScale);
        Assert.Equal(0, plane[0, 3]);
        Assert.Equal(255, plane[0, 7]);
        // Reference for the near pixel from the documented ramp: d² between inner and outer squares.
        (_, double ku, double kv) = ScalarReference.Yuv(0, 200, 0, 0, false);
        (_, double pu, double pv) = ScalarReference.Yuv(40, 170, 60, 0, false);
        double d2 = Math.Pow(ScalarReference.Round8(pu) - ScalarReference.Round8(ku), 2) + Math.Pow(ScalarReference.Round8(pv) - ScalarReference.Round8(kv), 2);
        double f = Math.Clamp((d2 - 400) * 256 / (6400 - 400), 0, 256);
        Assert.InRange(plane[0, 11], (255 * f / 256) - 12, (255 * f / 256) + 12);
    }

    private static int ValueIndex(PixelFormat format, int plane, int x) =>
        plane == 0 ? 0 : format == PixelFormat.Nv12 ? 1 + (x & 1) : plane;

    private static byte[][,] Map(byte[][,] planes, Func<int, int, int, int, int> f)
    {
        var result = new byte[planes.Length][,];
        for (int p = 0; p < planes.Length; p++)
        {
            int h = planes[p].GetLength(0), w = planes[p].GetLength(1);
            result[p] = new byte[h, w];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    result[p][y, x] = (byte)f(p, y, x, planes[p][y, x]);
        }
        return result;
    }

    private static byte[,] Sub(byte[,] plane, int x0, int y0, int w, int h)
    {
        var result = new byte[h, w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                result[y, x] = plane[y0 + y, x0 + x];
        return result;
    }

    private static byte[,] Canvas(int w, int h, byte fill, byte[,] inner, int x0, int y0)
    {
        var result = new byte[h, w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                result[y, x] = fill;
        for (int y = 0; y < inner.GetLength(0); y++)
            for (int x = 0; x < inner.GetLength(1); x++)
                result[y0 + y, x0 + x] = inner[y, x];
        return result;
    }
}
