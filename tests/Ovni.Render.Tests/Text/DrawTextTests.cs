using System.Drawing;
using CommunityToolkit.HighPerformance;
using Ovni.Animation;
using Ovni.Render.Tests.Pipeline;

namespace Ovni.Render.Tests.Text;

/// <summary>
/// DrawText on real frames (Tears of Steel, 800x332 yuv420p): pixels change where the text is and nowhere else,
/// opacity 0 leaves the frame as it was, animated values move and fade it, and a bad style fails with the reason.
/// </summary>
public class DrawTextTests
{
    private const string Tears = "tears-of-steel-battle-clip-medium.webm";
    private static readonly TextStyle Title = new() { Font = "DejaVu Sans", Size = 48, Bold = true, Outline = 3, Shadow = 2 };

    [Fact]
    public async Task Text_changes_the_pixels_where_it_is_drawn_and_no_others()
    {
        Fonts.Require();
        using GpuFrame frame = await FormatOperationsTests.FirstFrame(TestMedia.Require(Tears));
        using GpuFrame original = frame.Share();

        frame.DrawText("OVNI", Title, 100, 100);

        // Anchor 7: the text's top-left at (100, 100); 48 px bold with a 3 px outline and 2 px shadow stays inside this box.
        var box = new Rectangle(90, 90, 260, 80);
        (int inside, int outside) = Changes(original.GetPlane<byte>(0), frame.GetPlane<byte>(0), box);
        Assert.True(inside > 1500, $"only {inside} luma samples changed where the text is");
        Assert.Equal(0, outside);
        (int chromaInside, int chromaOutside) = Changes(original.GetPlane<byte>(1), frame.GetPlane<byte>(1), new Rectangle(45, 45, 130, 40));
        Assert.True(chromaInside > 100);
        Assert.Equal(0, chromaOutside);
        // White fill: the brightest changed samples are near limited-range white.
        Assert.True(Max(frame.GetPlane<byte>(0), box) >= 230);
    }

    [Fact]
    public async Task Opacity_zero_and_empty_text_leave_the_frame_exactly_as_it_was()
    {
        Fonts.Require();
        using GpuFrame frame = await FormatOperationsTests.FirstFrame(TestMedia.Require(Tears));
        using GpuFrame original = frame.Share();
        frame.DrawText("OVNI", Title, 100, 100, opacity: 0);
        frame.DrawText("", Title, 100, 100);
        Assert.True(FormatOperationsTests.SamePlane(original.GetPlane<byte>(0), frame.GetPlane<byte>(0)));
        Assert.True(FormatOperationsTests.SamePlane(original.GetPlane<byte>(1), frame.GetPlane<byte>(1)));

        // Half opacity changes the same place less than full opacity.
        using GpuFrame half = original.ConvertTo(PixelFormat.Yuv444P), full = original.ConvertTo(PixelFormat.Yuv444P);
        using GpuFrame reference = original.ConvertTo(PixelFormat.Yuv444P);
        half.DrawText("OVNI", Title, 100, 100, 0.5);
        full.DrawText("OVNI", Title, 100, 100, 1.0);
        Assert.True(FormatOperationsTests.MeanAbsoluteDifference(reference.GetPlane<byte>(0), half.GetPlane<byte>(0))
                    < 0.7 * FormatOperationsTests.MeanAbsoluteDifference(reference.GetPlane<byte>(0), full.GetPlane<byte>(0)));
    }

    [Fact]
    public async Task Animated_position_opacity_and_typewriter_text_follow_the_frame_time()
    {
        Fonts.Require();
        string path = TestMedia.Require(Tears);
        CancellationToken ct = TestContext.Current.CancellationToken;
        const string word = "OVNI TITLE";
        var x = new Keyframes<double>().Add(TimeSpan.Zero, 40, Easing.CubicOut).Add(TimeSpan.FromSeconds(1), 300);
        var fade = new Keyframes<double>().Add(TimeSpan.Zero, 0).Add(TimeSpan.FromSeconds(0.5), 1);
        Func<TimeSpan, string> typewriter = t => word[..Math.Min(word.Length, (int)(t.TotalSeconds * 12))];

        var originals = new List<GpuFrame>();
        var drawn = new List<(TimeSpan Time, int Changed, int Left)>();
        try
        {
            await using (MediaReader reader = MediaReader.Open(path))
            await foreach (GpuFrame frame in reader.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(1))
                               .Apply(f => { originals.Add(f.Share()); return f; }, ct)
                               .DrawText(typewriter, Title with { Size = 40 }, x, 120, fade).WithCancellation(ct))
                using (frame)
                {
                    GpuFrame before = originals[drawn.Count];
                    (int changed, int left) = ChangedExtent(before.GetPlane<byte>(0), frame.GetPlane<byte>(0));
                    drawn.Add((frame.Timestamp, changed, left));
                }
        }
        finally
        {
            originals.ForEach(f => f.Dispose());
        }

        Assert.Equal(24, drawn.Count);
        Assert.Equal(0, drawn[0].Changed);                               // opacity 0 and no letters yet
        Assert.True(drawn[12].Changed > 0 && drawn[23].Changed > drawn[12].Changed, "more letters, fully faded in, change more");
        Assert.True(drawn[23].Left > drawn[12].Left + 20, $"the text moved right: left edge {drawn[12].Left} at 0.5 s, {drawn[23].Left} at 0.96 s");
        Assert.InRange(drawn[23].Left, 270, 300);                         // x eased to ~299 (anchor left), outline reaches a little left
    }

    [Fact]
    public async Task A_font_file_draws_and_bad_fonts_and_sizes_fail_with_the_reason()
    {
        Fonts.Require();
        using GpuFrame frame = await FormatOperationsTests.FirstFrame(TestMedia.Require(Tears));
        const string file = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf";
        if (File.Exists(file))
        {
            using GpuFrame original = frame.Share();
            frame.DrawText("Serif", Title with { Font = file }, 400, 166);
            Assert.False(FormatOperationsTests.SamePlane(original.GetPlane<byte>(0), frame.GetPlane<byte>(0)));
        }

        Assert.Contains("not installed", Assert.Throws<FrameOperationException>(() => frame.DrawText("x", Title with { Font = "No Such Font Ovni" }, 0, 0)).Message);
        var missing = Assert.Throws<FrameOperationException>(() => frame.DrawText("x", Title with { Font = "/nonexistent/ovni.ttf" }, 0, 0));
        Assert.Equal("/nonexistent/ovni.ttf", missing.FilePath);
        string notAFont = Path.Combine(Path.GetTempPath(), $"ovni-not-a-font-{Environment.ProcessId}.ttf");
        File.WriteAllText(notAFont, "this is not a font");
        try
        {
            Assert.Contains("no glyphs", Assert.Throws<FrameOperationException>(() => frame.DrawText("x", Title with { Font = notAFont }, 0, 0)).Message);
        }
        finally
        {
            File.Delete(notAFont);
        }
        foreach (double size in new[] { 0, -3, double.NaN, 1e6 })
            Assert.Contains("font size", Assert.Throws<FrameOperationException>(() => frame.DrawText("x", Title with { Size = size }, 0, 0)).Message);
        Assert.Throws<FrameOperationException>(() => frame.DrawText("x", Title with { Outline = -1 }, 0, 0));
        Assert.Throws<FrameOperationException>(() => frame.DrawText("x", Title with { Anchor = 0 }, 0, 0));
        // The stream form checks the style when it is built, before any frame is read.
        Assert.Throws<FrameOperationException>(() => AsyncEnumerable.Empty<GpuFrame>().DrawText("x", Title with { Font = "No Such Font Ovni" }, 0, 0));
        using GpuFrame rgba = frame.ToRgba();
        Assert.Contains("ConvertTo", Assert.Throws<FrameOperationException>(() => rgba.DrawText("x", Title, 0, 0)).Message);
    }

    [Fact]
    public async Task Braces_and_backslashes_are_drawn_as_text_not_read_as_tags()
    {
        Fonts.Require();
        using GpuFrame frame = await FormatOperationsTests.FirstFrame(TestMedia.Require(Tears));
        using GpuFrame plain = frame.ConvertTo(PixelFormat.Yuv444P), tagged = frame.ConvertTo(PixelFormat.Yuv444P);
        using GpuFrame original = frame.ConvertTo(PixelFormat.Yuv444P);
        tagged.DrawText("{\\alpha&HFF&}", Title, 50, 50);
        (int changed, _) = ChangedExtent(original.GetPlane<byte>(0), tagged.GetPlane<byte>(0));
        Assert.True(changed > 500, "the braces and tag were swallowed as an override block");
    }

    // Luma samples that differ inside and outside the box.
    private static (int Inside, int Outside) Changes(Span2D<byte> before, Span2D<byte> after, Rectangle box)
    {
        int inside = 0, outside = 0;
        for (int y = 0; y < before.Height; y++)
            for (int x = 0; x < before.Width; x++)
                if (before[y, x] != after[y, x])
                {
                    if (box.Contains(x, y)) inside++;
                    else outside++;
                }
        return (inside, outside);
    }

    private static (int Changed, int Left) ChangedExtent(Span2D<byte> before, Span2D<byte> after)
    {
        int changed = 0, left = int.MaxValue;
        for (int y = 0; y < before.Height; y++)
            for (int x = 0; x < before.Width; x++)
                if (before[y, x] != after[y, x])
                {
                    changed++;
                    left = Math.Min(left, x);
                }
        return (changed, left);
    }

    private static int Max(Span2D<byte> plane, Rectangle box)
    {
        int max = 0;
        for (int y = box.Top; y < box.Bottom; y++)
            for (int x = box.Left; x < box.Right; x++)
                max = Math.Max(max, plane[y, x]);
        return max;
    }
}
