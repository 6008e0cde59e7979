// Why: sub-pixel overlay placement = shift kernel + premultiplied overlay; host vs twin must agree bit for bit,
// and the result must behave like a fractional move of the picture.
namespace Ovni.Kernels.Tests;

public sealed unsafe class SubpixelTests
{
    [Theory]
    [InlineData(301, 157, 0, 0, false)]
    [InlineData(301, 157, 77, 200, false)]
    [InlineData(64, 33, 256, 128, true)]
    [InlineData(1, 1, 128, 128, false)]
    public void ShiftMatchesHostKernel(int width, int height, int fx, int fy, bool premultiplied)
    {
        using Plane src = OverlayBlendScaleParityTests.RandomOverlay(width, height, 4);
        using Plane host = Plane.Random(4 * (width + 1), height + 1, 5);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.ShiftRgbaSubpixel, width + 1, height + 1, src.Address, src.Pitch, width, height, host.Address, host.Pitch, fx, fy, premultiplied ? 1 : 0);
        RgbaOverlay.ShiftSubpixel(src.Data, src.Pitch, width, height, twin.Data, twin.Pitch, fx, fy, premultiplied);
        twin.AssertSameAs(host, "sub-pixel shift");
    }

    [Fact]
    public void ZeroShiftIsThePremultipliedImageAndHalfShiftAveragesNeighbours()
    {
        const int width = 4, height = 1;
        using Plane src = new(4 * width, height), dst = new(4 * (width + 1), height + 1);
        byte[] pixels = [200, 100, 0, 255, 0, 0, 0, 0, 255, 255, 255, 128, 10, 20, 30, 255];
        pixels.CopyTo(src.Row(0));
        RgbaOverlay.ShiftSubpixel(src.Data, src.Pitch, width, height, dst.Data, dst.Pitch, 0, 0, premultiplied: false);
        Assert.Equal(new byte[] { 200, 100, 0, 255, 0, 0, 0, 0, 128, 128, 128, 128, 10, 20, 30, 255, 0, 0, 0, 0 }, dst.Row(0).ToArray());
        Assert.All(dst.Row(1).ToArray(), b => Assert.Equal(0, b)); // the extra row is transparent

        RgbaOverlay.ShiftSubpixel(src.Data, src.Pitch, width, height, dst.Data, dst.Pitch, 128, 0, premultiplied: false);
        // Output x = 1 sits half-way between source 0 (opaque orange) and source 1 (transparent).
        Assert.Equal(new byte[] { 100, 50, 0, 128 }, dst.Row(0).Slice(4, 4).ToArray());
    }

    [Fact]
    public void OverlayAtHalfPixelLiesBetweenTheTwoIntegerPlacements()
    {
        const int width = 64, height = 32, ow = 9, oh = 9;
        using Plane overlay = new(4 * ow, oh), shifted = new(4 * (ow + 1), oh + 1);
        overlay.All.Clear();
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                overlay.Row(y)[(4 * x) + 0] = overlay.Row(y)[(4 * x) + 1] = overlay.Row(y)[(4 * x) + 2] = overlay.Row(y)[(4 * x) + 3] = 255;
            }
        }

        Plane[] frame = YuvLayouts.RandomFrame(YuvLayout.Yuv420P, width, height, 1);
        try
        {
            foreach (Plane p in frame)
            {
                p.All.Fill(16);
            }

            RgbaOverlay.ShiftSubpixel(overlay.Data, overlay.Pitch, ow, oh, shifted.Data, shifted.Pitch, 128, 0, premultiplied: false);
            RgbaOverlay.OverlayRgbaYuv420P(frame[0].Data, frame[0].Pitch, frame[1].Data, frame[1].Pitch, frame[2].Data, frame[2].Pitch,
                width, height, shifted.Data, shifted.Pitch, ow + 1, oh + 1, 10, 10, 256, true, ColorMatrix.Bt709, YuvRange.Limited);
            // White square placed at x = 10.5: columns 11..18 fully white (235), columns 10 and 19 half covered.
            Assert.Equal(235, frame[0].Row(12)[11]);
            Assert.Equal(235, frame[0].Row(12)[18]);
            Assert.InRange(frame[0].Row(12)[10], 120, 130);
            Assert.InRange(frame[0].Row(12)[19], 120, 130);
            Assert.Equal(16, frame[0].Row(12)[9]);
            Assert.Equal(16, frame[0].Row(12)[20]);
        }
        finally
        {
            YuvLayouts.Dispose(frame);
        }
    }
}
