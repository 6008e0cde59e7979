using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using Ovni.Captions;

namespace Ovni.Render.Tests.Captions;

public class CaptionTests
{
    private const int W = 320, H = 180;

    private const string Srt = """
        1
        00:00:00,500 --> 00:00:01,000
        Hello captions

        2
        00:00:01,500 --> 00:00:02,000
        <i>Second</i> line
        with a break

        """;

    // Red text without outline or shadow at a fixed position, so full-coverage glyph pixels are pure red.
    private const string Ass = """
        [Script Info]
        ScriptType: v4.00+
        PlayResX: 320
        PlayResY: 180

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Red,DejaVu Sans,40,&H000000FF,&H000000FF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,0,0,7,0,0,0,1

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:00.00,0:00:00.50,Red,,0,0,0,,{\pos(21,31)}HIM
        Dialogue: 0,0:00:01.00,0:00:01.50,Red,,0,0,0,,{\pos(101,91)}{\c&H00FF00&\alpha&H80&}half green
        """;

    [Fact]
    public async Task Srt_captions_change_pixels_only_inside_libass_bounds_and_only_during_their_cues()
    {
        Fonts.Require();
        using var dir = new TempDirectory();
        string path = dir.File("captions.srt");
        File.WriteAllText(path, Srt);
        CaptionTrack track = CaptionTrack.Load(path);
        Assert.Equal(CaptionFormat.Srt, track.Format);
        Assert.Equal(2, track.EventCount);

        using var reference = new CaptionRenderer(track, W, H);
        var gray = new RgbaColor(90, 120, 150);
        byte[] plainY = await FirstPlane(gray, PixelFormat.Yuv420P, 0);
        byte[] plainU = await FirstPlane(gray, PixelFormat.Yuv420P, 1);
        int withText = 0;
        await foreach (GpuFrame frame in FrameSources.SolidColor(W, H, gray, TimeSpan.FromSeconds(2.5), new Rational(10, 1))
                           .Captions(track).WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                double t = frame.Timestamp.TotalSeconds;
                bool inCue = (t >= 0.5 && t < 1.0) || (t >= 1.5 && t < 2.0);
                CaptionFrame expected = reference.Render(frame.Timestamp);
                Assert.Equal(inCue, expected.Bitmaps.Count > 0);
                var lumaRects = expected.Bitmaps.Select(b => (b.X, b.Y, b.X + b.Width, b.Y + b.Height)).ToArray();
                var chromaRects = lumaRects.Select(r => (r.X >> 1, r.Y >> 1, (r.Item3 + 1) >> 1, (r.Item4 + 1) >> 1)).ToArray();
                int changedY = CountChanged(frame.GetPlane<byte>(0), plainY, lumaRects, out int outsideY);
                int changedU = CountChanged(frame.GetPlane<byte>(1), plainU, chromaRects, out int outsideU);
                Assert.Equal(0, outsideY);
                Assert.Equal(0, outsideU);
                Assert.Equal(inCue, changedY > 0);
                if (inCue) withText++;
            }
        Assert.Equal(10, withText); // 5 frames in each half-second cue at 10 fps
    }

    [Fact]
    public void Renderer_reports_unchanged_captions_and_reuses_the_same_bitmaps()
    {
        Fonts.Require();
        CaptionTrack track = CaptionTrack.Parse(Srt);
        using var renderer = new CaptionRenderer(track, W, H);
        CaptionFrame before = renderer.Render(TimeSpan.FromSeconds(0.2));
        Assert.Empty(before.Bitmaps);
        CaptionFrame first = renderer.Render(TimeSpan.FromSeconds(0.6));
        Assert.True(first.Changed);
        Assert.NotEmpty(first.Bitmaps);
        CaptionFrame same = renderer.Render(TimeSpan.FromSeconds(0.8));
        Assert.False(same.Changed);
        Assert.Same(first.Bitmaps, same.Bitmaps);
        Assert.Equal(first.Version, same.Version);
        CaptionFrame gone = renderer.Render(TimeSpan.FromSeconds(1.2));
        Assert.True(gone.Changed);
        Assert.Empty(gone.Bitmaps);
        Assert.False(renderer.Render(TimeSpan.FromSeconds(1.3)).Changed);
        CaptionFrame second = renderer.Render(TimeSpan.FromSeconds(1.6));
        Assert.True(second.Changed);
        Assert.True(second.Bounds!.Value.Height > first.Bounds!.Value.Height, "the second cue has two lines");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv444P)]
    public async Task Ass_colours_and_alpha_blend_exactly_into_yuv(PixelFormat format)
    {
        Fonts.Require();
        using var dir = new TempDirectory();
        string path = dir.File("styled.ass");
        File.WriteAllText(path, Ass, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        CaptionTrack track = CaptionTrack.Load(path);
        Assert.Equal(CaptionFormat.Ass, track.Format);
        Assert.Equal(2, track.EventCount);
        using var reference = new CaptionRenderer(track, W, H);
        var background = new RgbaColor(40, 60, 200);
        byte[] plainY = await FirstPlane(background, format, 0);

        await foreach (GpuFrame frame in FrameSources.SolidColor(W, H, background, TimeSpan.FromSeconds(1.5), new Rational(4, 1), format)
                           .Captions(track).WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                CaptionFrame captions = reference.Render(frame.Timestamp);
                // Independent luma reference: alpha = round(coverage·opacity/255), Y = round((Y·(255−a) + Yc·a)/255), layer by layer.
                byte[] expected = (byte[])plainY.Clone();
                foreach (CaptionBitmap bitmap in captions.Bitmaps)
                {
                    double yc = 16 + 219 * (0.2126 * bitmap.Color.R + 0.7152 * bitmap.Color.G + 0.0722 * bitmap.Color.B) / 255;
                    int colourY = (int)Math.Round(yc, MidpointRounding.AwayFromZero);
                    ReadOnlySpan<byte> mask = bitmap.Mask.Span;
                    for (int y = 0; y < bitmap.Height; y++)
                        for (int x = 0; x < bitmap.Width; x++)
                        {
                            int fx = bitmap.X + x, fy = bitmap.Y + y;
                            if (fx < 0 || fy < 0 || fx >= W || fy >= H) continue;
                            int a = (int)Math.Round(mask[y * bitmap.Width + x] * bitmap.Color.A / 255.0, MidpointRounding.AwayFromZero);
                            ref byte d = ref expected[fy * W + fx];
                            d = (byte)Math.Round((d * (255 - a) + colourY * a) / 255.0, MidpointRounding.AwayFromZero);
                        }
                }
                Assert.Equal(expected, Plane(frame, 0));

                double t = frame.Timestamp.TotalSeconds;
                if (t < 0.5)
                {
                    CaptionBitmap red = Assert.Single(captions.Bitmaps);
                    Assert.Equal(new RgbaColor(255, 0, 0), red.Color);
                    Assert.InRange(red.X, 15, 30);   // \pos(21,31) with top-left alignment
                    Assert.InRange(red.Y, 25, 40);
                    int full = red.Mask.Span.IndexOf((byte)255);
                    Assert.True(full >= 0, "bold 40 px glyphs have fully covered pixels");
                    Assert.Equal(63, frame.GetPlane<byte>(0)[red.Y + full / red.Width, red.X + full % red.Width]); // BT.709 red
                    Assert.Equal([255, 0, 0, 255], red.Rgba.Span.Slice(full * 4, 4).ToArray());
                }
                else if (t >= 1.0)
                {
                    CaptionBitmap green = Assert.Single(captions.Bitmaps);
                    Assert.Equal(new RgbaColor(0, 255, 0, 127), green.Color); // \alpha&H80& = 128 transparency
                }
                else Assert.Empty(captions.Bitmaps);
            }
    }

    [Fact]
    public async Task Subtitles_of_real_footage_burn_in_only_inside_libass_bounds()
    {
        Fonts.Require();
        string clip = TestMedia.Require("sample_with_srt.mkv");
        using var dir = new TempDirectory();
        string srt = dir.File("embedded.srt");
        FFmpegCli.Run("ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", clip, "-map", "0:s:0", srt);
        CaptionTrack track = CaptionTrack.Load(srt);

        using MediaReader plain = MediaReader.Open(clip);
        using MediaReader captioned = MediaReader.Open(clip);
        using var reference = new CaptionRenderer(track, plain.Video.Width, plain.Video.Height);
        await using var original = plain.ReadFramesAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        int frames = 0, withText = 0;
        await foreach (GpuFrame frame in captioned.ReadFramesAsync(TestContext.Current.CancellationToken).Captions(track).WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                Assert.True(await original.MoveNextAsync());
                using GpuFrame source = original.Current;
                CaptionFrame expected = reference.Render(frame.Timestamp);
                var rects = expected.Bitmaps.Select(b => (b.X, b.Y, b.X + b.Width, b.Y + b.Height)).ToArray();
                int changed = CountChanged(frame.GetPlane<byte>(0), Plane(source, 0), rects, out int outside);
                Assert.Equal(0, outside);
                Assert.Equal(expected.Bitmaps.Count > 0, changed > 0);
                if (changed > 0) withText++;
                frames++;
            }
        Assert.Equal(FFmpegCli.CountFrames(clip), frames);
        Assert.InRange(withText, frames - 2, frames); // the cue spans the whole 1.23 s clip
    }

    [Fact]
    public void Missing_and_corrupt_caption_files_raise_OvniException()
    {
        using var dir = new TempDirectory();
        string missing = dir.File("none.srt");
        var e1 = Assert.ThrowsAny<OvniException>(() => CaptionTrack.Load(missing));
        Assert.Equal(missing, e1.FilePath);

        string corrupt = dir.File("corrupt.srt");
        File.WriteAllBytes(corrupt, [0x00, 0xFF, 0x13, 0x37, 0x0A, 0x31, 0x0A, 0x99, 0x88]);
        var e2 = Assert.ThrowsAny<OvniException>(() => CaptionTrack.Load(corrupt));
        Assert.Equal(corrupt, e2.FilePath);
        Assert.Contains("neither", e2.Message);
    }

    private static int CountChanged(Span2D<byte> plane, byte[] plain, (int X0, int Y0, int X1, int Y1)[] rects, out int outside)
    {
        int changed = 0;
        outside = 0;
        for (int y = 0; y < plane.Height; y++)
            for (int x = 0; x < plane.Width; x++)
            {
                if (plane[y, x] == plain[y * plane.Width + x]) continue;
                changed++;
                if (!rects.Any(r => x >= r.X0 && x < r.X1 && y >= r.Y0 && y < r.Y1)) outside++;
            }
        return changed;
    }

    private static async Task<byte[]> FirstPlane(RgbaColor color, PixelFormat format, int plane)
    {
        await foreach (GpuFrame frame in FrameSources.SolidColor(W, H, color, TimeSpan.FromSeconds(0.1), new Rational(10, 1), format))
            using (frame) return Plane(frame, plane);
        throw new InvalidOperationException("no frame");
    }

    private static byte[] Plane(GpuFrame frame, int plane)
    {
        Span2D<byte> view = frame.GetPlane<byte>(plane);
        var copy = new byte[view.Width * view.Height];
        view.CopyTo(copy);
        return copy;
    }
}
