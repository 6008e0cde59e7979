using CommunityToolkit.HighPerformance;

namespace Ovni.Render.Tests.Sources;

public class FrameSourcesTests
{
    [Theory]
    [InlineData(255, 0, 0, 63, 102, 240)]     // BT.709 limited: Y = 16 + 219·0.2126, Cb = 128 − 224·0.2126/1.8556, Cr = 128 + 112
    [InlineData(255, 255, 255, 235, 128, 128)]
    [InlineData(0, 0, 0, 16, 128, 128)]
    [InlineData(0, 0, 255, 32, 240, 118)]     // Y = 16 + 219·0.0722 = 31.8; Cb = 128 + 112; Cr = 128 − 224·0.0722/1.5748 = 117.7
    public async Task Solid_colour_yuv420p_and_nv12_hold_the_bt709_values(byte r, byte g, byte b, byte y, byte u, byte v)
    {
        foreach (PixelFormat format in new[] { PixelFormat.Yuv420P, PixelFormat.Nv12 })
        {
            int count = 0;
            await foreach (GpuFrame frame in FrameSources.SolidColor(34, 18, new RgbaColor(r, g, b), TimeSpan.FromSeconds(1), new Rational(30000, 1001), format)
                               .WithCancellation(TestContext.Current.CancellationToken))
                using (frame)
                {
                    Assert.Equal(count, frame.Pts);
                    Assert.Equal(new Rational(1001, 30000), frame.TimeBase);
                    Assert.Equal(format, frame.Format);
                    Assert.Equal(ColorRange.Limited, frame.Color.Range);
                    AssertAll(frame.GetPlane<byte>(0), y);
                    if (format == PixelFormat.Yuv420P)
                    {
                        AssertAll(frame.GetPlane<byte>(1), u);
                        AssertAll(frame.GetPlane<byte>(2), v);
                    }
                    else
                    {
                        Span2D<byte> uv = frame.GetPlane<byte>(1);
                        for (int row = 0; row < uv.Height; row++)
                            for (int x = 0; x < uv.Width; x += 2)
                                Assert.Equal((u, v), (uv[row, x], uv[row, x + 1]));
                    }
                    count++;
                }
            Assert.Equal(30, count); // round(1 s × 29.97)
        }
    }

    [Fact]
    public async Task Horizontal_gradient_black_to_white_is_x_per_column_and_vertical_is_per_row()
    {
        await foreach (GpuFrame frame in FrameSources.Gradient(256, 3, RgbaColor.Black, RgbaColor.White, 0, TimeSpan.FromSeconds(0.1), new Rational(10, 1), PixelFormat.Rgba)
                           .WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                Span2D<byte> rgba = frame.GetPlane<byte>(0);
                for (int row = 0; row < 3; row++)
                    for (int x = 0; x < 256; x++)
                        Assert.Equal(((byte)x, (byte)x, (byte)x, (byte)255), (rgba[row, 4 * x], rgba[row, 4 * x + 1], rgba[row, 4 * x + 2], rgba[row, 4 * x + 3]));
            }

        await foreach (GpuFrame frame in FrameSources.Gradient(2, 256, new RgbaColor(0, 0, 0, 0), new RgbaColor(0, 0, 0, 255), 90, TimeSpan.FromSeconds(0.1), new Rational(10, 1), PixelFormat.Rgba)
                           .WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                Span2D<byte> rgba = frame.GetPlane<byte>(0);
                for (int y = 0; y < 256; y++) Assert.Equal((byte)y, rgba[y, 7]);
            }
    }

    private static void AssertAll(Span2D<byte> plane, byte expected)
    {
        for (int y = 0; y < plane.Height; y++)
            foreach (byte value in plane.GetRowSpan(y))
                Assert.Equal(expected, value);
    }
}
