using CommunityToolkit.HighPerformance;

namespace Ovni.Render.Tests.Pipeline;

public class PictureInPictureTests
{
    [Fact]
    public async Task Inset_lands_in_the_corner_and_follows_the_inset_stream_in_time()
    {
        var fps = new Rational(10, 1);
        var gray = new RgbaColor(128, 128, 128);
        // Inset: 0.5 s red, then 0.5 s blue, 640×480 (4:3) → scaled to 80×60 in a 320×240 main picture.
        IAsyncEnumerable<GpuFrame> inset = FrameSources.SolidColor(640, 480, new RgbaColor(255, 0, 0), TimeSpan.FromSeconds(0.5), fps)
            .Concat(FrameSources.SolidColor(640, 480, new RgbaColor(0, 0, 255), TimeSpan.FromSeconds(0.5), fps));
        int count = 0;
        await foreach (GpuFrame frame in FrameSources.SolidColor(320, 240, gray, TimeSpan.FromSeconds(1.2), fps)
                           .PictureInPicture(inset, new PictureInPictureOptions { Corner = PictureInPictureCorner.BottomRight, Scale = 0.25, Margin = 16 })
                           .WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                // BT.709 limited: red (63, 102, 240), blue (32, 240, 118), gray 128 → Y 126, chroma 128.
                (int y, int u, int v) expected = frame.Timestamp.TotalSeconds < 0.5 ? (63, 102, 240) : (32, 240, 118);
                Span2D<byte> luma = frame.GetPlane<byte>(0), cb = frame.GetPlane<byte>(1), cr = frame.GetPlane<byte>(2);
                for (int y = 0; y < 240; y++)
                    for (int x = 0; x < 320; x++)
                    {
                        bool inside = x >= 224 && x < 304 && y >= 164 && y < 224; // 320−80−16, 240−60−16
                        Assert.InRange(luma[y, x], (inside ? expected.y : 126) - 1, (inside ? expected.y : 126) + 1);
                    }
                Assert.InRange(cb[(164 + 30) / 2, (224 + 40) / 2], expected.u - 1, expected.u + 1);
                Assert.InRange(cr[(164 + 30) / 2, (224 + 40) / 2], expected.v - 1, expected.v + 1);
                Assert.Equal(128, cb[10, 10]);
                count++;
            }
        Assert.Equal(12, count); // the main stream sets the length; the last inset frame holds after the inset ends
    }
}
