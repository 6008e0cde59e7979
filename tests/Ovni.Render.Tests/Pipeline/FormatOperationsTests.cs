using System.Drawing;
using CommunityToolkit.HighPerformance;

namespace Ovni.Render.Tests.Pipeline;

/// <summary>
/// ConvertTo, Fit, Pad and ResetTimestamps on real footage, as a user preparing clips of different shapes and formats
/// for one timeline meets them: the cockatoo (1280x720 yuv444p, 20 fps), Tears of Steel (800x332 yuv420p, 24 fps) and
/// the HDR10 clip (1920x1080 yuv420p10le).
/// </summary>
public class FormatOperationsTests
{
    private const string Tears = "tears-of-steel-battle-clip-medium.webm";
    private const string Cockatoo = "cockatoo.mp4";
    private const string Hdr = "hdr10-video-with-sdr-container.mp4";

    [Fact]
    public async Task ConvertTo_yuv420p_keeps_444_luma_exactly_and_averages_each_2x2_chroma_block()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Cockatoo));
        Assert.Equal(PixelFormat.Yuv444P, source.Format);
        using GpuFrame converted = source.ConvertTo(PixelFormat.Yuv420P);

        Assert.Equal(PixelFormat.Yuv420P, converted.Format);
        Assert.Equal((source.Width, source.Height, source.Pts), (converted.Width, converted.Height, converted.Pts));
        Assert.True(SamePlane(source.GetPlane<byte>(0), converted.GetPlane<byte>(0)), "luma changed");
        for (int plane = 1; plane < 3; plane++)
        {
            Span2D<byte> full = source.GetPlane<byte>(plane), half = converted.GetPlane<byte>(plane);
            for (int y = 0; y < half.Height; y++)
                for (int x = 0; x < half.Width; x++)
                {
                    double mean = (full[2 * y, 2 * x] + full[2 * y, 2 * x + 1] + full[2 * y + 1, 2 * x] + full[2 * y + 1, 2 * x + 1]) / 4.0;
                    Assert.InRange(half[y, x], mean - 0.5, mean + 0.51);
                }
        }

        // And back: luma still exact, chroma the 4:2:0 samples spread over their 2x2 blocks (bilinear, centre grid).
        using GpuFrame back = converted.ConvertTo(PixelFormat.Yuv444P);
        Assert.True(SamePlane(source.GetPlane<byte>(0), back.GetPlane<byte>(0)), "luma changed on the way back");
        Assert.True(MeanAbsoluteDifference(source.GetPlane<byte>(1), back.GetPlane<byte>(1)) < 2.0);
    }

    [Fact]
    public async Task ConvertTo_nv12_interleaves_exactly_and_rgba_is_ToRgba()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Tears));
        Assert.Equal(PixelFormat.Yuv420P, source.Format);
        using GpuFrame nv12 = source.ConvertTo(PixelFormat.Nv12);
        Assert.Equal(PixelFormat.Nv12, nv12.Format);
        Assert.True(SamePlane(source.GetPlane<byte>(0), nv12.GetPlane<byte>(0)), "luma changed");
        Span2D<byte> u = source.GetPlane<byte>(1), v = source.GetPlane<byte>(2), uv = nv12.GetPlane<byte>(1);
        for (int y = 0; y < u.Height; y++)
            for (int x = 0; x < u.Width; x++)
                Assert.Equal((u[y, x], v[y, x]), (uv[y, 2 * x], uv[y, 2 * x + 1]));
        using GpuFrame back = nv12.ConvertTo(PixelFormat.Yuv420P);
        Assert.True(SamePlane(v, back.GetPlane<byte>(2)), "V changed on the way back");

        using GpuFrame rgba = source.ConvertTo(PixelFormat.Rgba);
        using GpuFrame direct = source.ToRgba();
        Assert.True(SamePlane(direct.GetPlane<byte>(0), rgba.GetPlane<byte>(0)), "ConvertTo(Rgba) is ToRgba");
    }

    [Fact]
    public async Task ConvertTo_yuv420p_from_10_bit_HDR_runs_through_libswscale_and_keeps_the_picture_and_tags()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Hdr));
        Assert.Equal(PixelFormat.Yuv420P10, source.Format);
        using GpuFrame converted = source.ConvertTo(PixelFormat.Yuv420P);
        Assert.Equal(PixelFormat.Yuv420P, converted.Format);
        Assert.Equal(source.Color, converted.Color);
        Span2D<ushort> deep = source.GetPlane<ushort>(0);
        Span2D<byte> shallow = converted.GetPlane<byte>(0);
        for (int y = 0; y < shallow.Height; y += 7)
            for (int x = 0; x < shallow.Width; x += 5)
                Assert.InRange(shallow[y, x], deep[y, x] / 4.0 - 1.01, deep[y, x] / 4.0 + 1.01);
    }

    [Fact]
    public async Task ConvertTo_stream_passes_frames_already_in_the_format_and_converts_the_others()
    {
        string path = TestMedia.Require(Cockatoo);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using MediaReader reader = MediaReader.Open(path);
        var timestamps = new List<long>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(ct).TrimFrames(0, 10).ConvertTo(PixelFormat.Yuv420P).ConvertTo(PixelFormat.Yuv420P).WithCancellation(ct))
            using (frame)
            {
                Assert.Equal(PixelFormat.Yuv420P, frame.Format);
                timestamps.Add(frame.Pts);
            }
        Assert.Equal(10, timestamps.Count);
        Assert.Equal(timestamps.Order(), timestamps);
    }

    [Fact]
    public async Task ConvertTo_refuses_targets_that_are_not_layouts()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Tears));
        Assert.Throws<FrameOperationException>(() => source.ConvertTo(PixelFormat.Other));
        Assert.Throws<FrameOperationException>(() => source.ConvertTo(PixelFormat.Cuda));
        Assert.Throws<FrameOperationException>(() => source.ConvertTo((PixelFormat)99));
    }

    [Fact]
    public async Task Fit_pad_letterboxes_the_scaled_picture_centred_on_even_rows()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Tears)); // 800x332 -> 1280x531.2 -> 1280x532 at y = 94
        using GpuFrame fitted = source.Fit(1280, 720, FitMode.Pad, RgbaColor.Black);
        using GpuFrame scaled = source.Scale(1280, 532);
        Assert.Equal((1280, 720), (fitted.Width, fitted.Height));
        Span2D<byte> luma = fitted.GetPlane<byte>(0);
        for (int y = 0; y < 720; y++)
        {
            if (y is >= 94 and < 626) continue;
            foreach (byte value in luma.GetRowSpan(y)) Assert.Equal(16, value); // BT.601/709 limited-range black
        }
        Assert.True(SamePlane(scaled.GetPlane<byte>(0), luma.Slice(94, 0, 532, 1280)), "the picture is the plain scale");
        Assert.True(SamePlane(scaled.GetPlane<byte>(1), fitted.GetPlane<byte>(1).Slice(47, 0, 266, 640)));
    }

    [Fact]
    public async Task Fit_crop_keeps_the_centre_and_stretch_is_a_plain_scale()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Cockatoo)); // 1280x720
        using (GpuFrame square = source.Fit(720, 720, FitMode.Crop))
        using (GpuFrame centre = source.Crop(new Rectangle(280, 0, 720, 720)))
            Assert.True(SamePlane(centre.GetPlane<byte>(0), square.GetPlane<byte>(0)));
        using (GpuFrame small = source.Fit(640, 640, FitMode.Crop))
        using (GpuFrame centre = source.Crop(new Rectangle(280, 0, 720, 720)))
        using (GpuFrame expected = centre.Scale(640, 640))
            Assert.True(SamePlane(expected.GetPlane<byte>(0), small.GetPlane<byte>(0)));
        using (GpuFrame stretched = source.Fit(640, 640, FitMode.Stretch))
        using (GpuFrame expected = source.Scale(640, 640))
            Assert.True(SamePlane(expected.GetPlane<byte>(2), stretched.GetPlane<byte>(2)));
    }

    [Fact]
    public async Task Fit_refuses_an_odd_canvas_for_420_an_empty_one_and_rgba_padding()
    {
        using GpuFrame source = await FirstFrame(TestMedia.Require(Tears));
        Assert.Contains("even", Assert.Throws<FrameOperationException>(() => source.Fit(1281, 720)).Message);
        Assert.Throws<FrameOperationException>(() => source.Fit(0, 720));
        Assert.Throws<FrameOperationException>(() => source.Fit(640, 360, (FitMode)7));
        using GpuFrame rgba = source.ToRgba();
        Assert.Throws<FrameOperationException>(() => rgba.Fit(1280, 720, FitMode.Pad));
        using GpuFrame cropped = rgba.Fit(332, 332, FitMode.Crop);
        Assert.Equal(PixelFormat.Rgba, cropped.Format);
    }

    [Fact]
    public async Task Mismatched_clips_cross_fade_after_ConvertTo_Fit_and_ChangeFrameRate()
    {
        string a = TestMedia.Require(Tears), b = TestMedia.Require(Cockatoo);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using MediaReader first = MediaReader.Open(a);
        await using MediaReader second = MediaReader.Open(b);
        IAsyncEnumerable<GpuFrame> prepared = second.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
            .ConvertTo(PixelFormat.Yuv420P).Fit(800, 332, FitMode.Crop).ChangeFrameRate(new Rational(24, 1));
        int frames = 0;
        await foreach (GpuFrame frame in first.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
                           .CrossFadeInto(prepared, TimeSpan.FromSeconds(1), ct).WithCancellation(ct))
            using (frame)
            {
                Assert.Equal((800, 332, PixelFormat.Yuv420P), (frame.Width, frame.Height, frame.Format));
                frames++;
            }
        Assert.Equal(72, frames); // 2 s + 2 s - the shared second, at 24 fps
    }

    [Fact]
    public async Task Pad_on_a_stream_and_ResetTimestamps_after_a_trim_that_kept_source_time()
    {
        string path = TestMedia.Require(Tears);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using MediaReader reader = MediaReader.Open(path);
        var times = new List<TimeSpan>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(ct).Trim(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11), keepSourceTime: true)
                           .ResetTimestamps().Pad(832, 352, 16, 10, RgbaColor.Black).WithCancellation(ct))
            using (frame)
            {
                Assert.Equal((832, 352), (frame.Width, frame.Height));
                Assert.Equal(16, frame.GetPlane<byte>(0)[5, 400]);
                times.Add(frame.Timestamp);
            }
        Assert.Equal(24, times.Count);
        Assert.Equal(TimeSpan.Zero, times[0]);
        Assert.InRange(times[^1].TotalSeconds, 23 / 24.0 - 0.002, 23 / 24.0 + 0.002);
    }

    internal static async Task<GpuFrame> FirstFrame(string path)
    {
        await using MediaReader reader = MediaReader.Open(path);
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken))
            return frame;
        throw new InvalidOperationException($"{path} has no frame.");
    }

    internal static bool SamePlane(Span2D<byte> a, Span2D<byte> b)
    {
        if (a.Width != b.Width || a.Height != b.Height) return false;
        for (int y = 0; y < a.Height; y++)
            if (!a.GetRowSpan(y).SequenceEqual(b.GetRowSpan(y))) return false;
        return true;
    }

    internal static double MeanAbsoluteDifference(Span2D<byte> a, Span2D<byte> b)
    {
        long sum = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                sum += Math.Abs(a[y, x] - b[y, x]);
        return (double)sum / (a.Width * a.Height);
    }
}
