using System.Drawing;
using Ovni.Captions;

namespace Ovni.Render.Tests.Pipeline;

/// <summary>
/// The README's operations table says every operation takes yuv420p, nv12 and yuv444p unless its row says otherwise.
/// Each operation runs here on a real frame (the cockatoo, 1280x720 yuv444p, and its 4:2:0 conversions) in all three;
/// the only refusals are the ones the table names (Overlay: 4:2:0 only; ChromaKeyToRgba: planar only).
/// </summary>
public class OperationsTableFormatTests
{
    private static readonly (string Name, Func<GpuFrame, GpuFrame, GpuFrame> Run)[] s_operations =
    [
        ("ToRgba", (f, _) => f.ToRgba()),
        ("Overlay", (f, logo) => f.Overlay(logo, 10.5, 20)),
        ("CrossFade", (f, _) => { using GpuFrame other = f.Share(); return f.CrossFade(other, 0.5); }),
        ("Fade", (f, _) => f.Fade(RgbaColor.Black, 0.3)),
        ("Scale", (f, _) => f.Scale(640, 360)),
        ("Crop", (f, _) => f.Crop(new Rectangle(100, 100, 200, 100))),
        ("Pad", (f, _) => f.Pad(1300, 740, 10, 10, RgbaColor.Black)),
        ("Fill", (f, _) => f.Fill(RgbaColor.White)),
        ("Transform", (f, _) => f.Transform(FrameTransform.Rotate(10))),
        ("GaussianBlur", (f, _) => f.GaussianBlur(2)),
        ("DrawRect", (f, _) => f.DrawRect(new Rectangle(10, 10, 50, 50), new RgbaColor(255, 0, 0, 128))),
        ("Vignette", (f, _) => f.Vignette(0.5)),
        ("LensVignette", (f, _) => f.LensVignette(Math.PI / 5)),
        ("ChromaKeyToRgba", (f, _) => f.ChromaKeyToRgba(new RgbaColor(0, 255, 0, 255), 0.1, 0.1)),
        ("DrawText", (f, _) => f.DrawText("Ovni", new TextStyle(), 20, 20)),
        ("ConvertTo", (f, _) => f.ConvertTo(PixelFormat.Rgba)),
        ("Fit", (f, _) => f.Fit(720, 720, FitMode.Crop)),
    ];

    public static TheoryData<PixelFormat> Formats => new(PixelFormat.Yuv420P, PixelFormat.Nv12, PixelFormat.Yuv444P);

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_operation_in_the_table_takes_the_format_unless_its_row_says_otherwise(PixelFormat format)
    {
        Fonts.Require();
        using GpuFrame decoded = await FormatOperationsTests.FirstFrame(TestMedia.Require("cockatoo.mp4"));
        using GpuFrame frame = decoded.ConvertTo(format);
        using GpuFrame rgba = decoded.ToRgba();
        using GpuFrame logo = rgba.Crop(new Rectangle(0, 0, 64, 32));
        var refused = new List<string>();
        foreach ((string name, Func<GpuFrame, GpuFrame, GpuFrame> run) in s_operations)
        {
            using GpuFrame input = frame.Share();
            try
            {
                GpuFrame result = run(input, logo);
                if (!ReferenceEquals(result, input)) result.Dispose();
            }
            catch (FrameOperationException e)
            {
                refused.Add(name);
                Assert.Contains("ConvertTo", e.Message); // the refusal names the fix
            }
        }
        string[] expected = format switch
        {
            PixelFormat.Yuv444P => ["Overlay"],
            PixelFormat.Nv12 => ["ChromaKeyToRgba"],
            _ => [],
        };
        Assert.Equal(expected, refused);

        // Captions (a stream operation) too.
        await foreach (GpuFrame captioned in One(frame.Share()).Captions(CaptionTrack.Parse("1\n00:00:00,000 --> 00:00:05,000\nHello\n")))
            captioned.Dispose();
    }

    private static async IAsyncEnumerable<GpuFrame> One(GpuFrame frame)
    {
        await Task.Yield();
        yield return frame;
    }
}
