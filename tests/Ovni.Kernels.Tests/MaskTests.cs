// Why: rounded corners and chroma key: host kernel vs C# twin bit for bit, plus behaviour users see.
namespace Ovni.Kernels.Tests;

public sealed unsafe class MaskTests
{
    [Theory]
    [InlineData(640, 360, 40, false)]
    [InlineData(641, 361, 40, true)]
    [InlineData(21, 13, 30, false)] // radius larger than the image
    [InlineData(64, 64, 0, true)]
    public void RoundCornersMatchesHostKernel(int width, int height, int radius, bool premultiplied)
    {
        using Plane host = OverlayBlendScaleParityTests.RandomOverlay(width, height, 3);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.RoundCornersRgba, width, height, host.Address, host.Pitch, width, height, radius, premultiplied ? 1 : 0);
        RgbaMask.RoundCorners(twin.Data, twin.Pitch, width, height, radius, premultiplied);
        twin.AssertSameAs(host, "round corners");
    }

    [Fact]
    public void RoundCornersClearsTheCornerAndKeepsTheMiddle()
    {
        const int size = 100;
        using Plane image = new(4 * size, size);
        image.All.Fill(255);
        RgbaMask.RoundCorners(image.Data, image.Pitch, size, size, 20, premultiplied: false);
        Assert.Equal(0, image.Row(0)[3]);                 // corner pixel: outside the circle
        Assert.Equal(0, image.Row(size - 1)[(4 * (size - 1)) + 3]);
        Assert.Equal(255, image.Row(0)[(4 * 50) + 3]);     // top edge middle: untouched
        Assert.Equal(255, image.Row(50)[(4 * 50) + 3]);
        Assert.Equal(255, image.Row(0)[0]);                // straight alpha: colour untouched
        int edge = image.Row(5)[(4 * 5) + 3];              // on the arc (centre 20.5 px from the circle centre): partly covered
        Assert.InRange(edge, 1, 254);
    }

    [Theory]
    [InlineData(0, 255, 0, 40, 30, (int)ColorMatrix.Bt709, (int)YuvRange.Limited)]
    [InlineData(0, 0, 255, 10, 0, (int)ColorMatrix.Bt601, (int)YuvRange.Full)]
    [InlineData(0, 255, 0, 100, 250, (int)ColorMatrix.Bt2020, (int)YuvRange.Limited)] // ramp too wide for exact float: scalar path
    public void ChromaKeyMatchesHostKernel(int kr, int kg, int kb, int threshold, int softness, int mValue, int rValue)
    {
        ColorMatrix m = (ColorMatrix)mValue;
        YuvRange r = (YuvRange)rValue;
        const int width = 1919, height = 1079;
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(m, r);
        int keyU = ColorMatrixTable.Chroma(kr, kg, kb, c.Ur, c.Ug, c.Ub, 0, 0), keyV = ColorMatrixTable.Chroma(kr, kg, kb, c.Vr, c.Vg, c.Vb, 0, 0);
        using Plane host = Plane.Random(4 * width, height, 8);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.ChromaKeyRgba, width, height, host.Address, host.Pitch, width, height, keyU, keyV, threshold, softness, (int)m, (int)r);
        RgbaMask.ChromaKey(twin.Data, twin.Pitch, width, height, keyU, keyV, threshold, softness, m, r);
        twin.AssertSameAs(host, "chroma key");
    }

    [Fact]
    public void ChromaKeyRemovesGreenAndKeepsSkin()
    {
        using Plane image = new(4 * 3, 1);
        byte[] pixels = [20, 230, 30, 255, 60, 200, 50, 255, 220, 170, 140, 255]; // green, greenish, skin tone
        pixels.CopyTo(image.Row(0));
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(ColorMatrix.Bt709, YuvRange.Limited);
        int keyU = ColorMatrixTable.Chroma(0, 255, 0, c.Ur, c.Ug, c.Ub, 0, 0), keyV = ColorMatrixTable.Chroma(0, 255, 0, c.Vr, c.Vg, c.Vb, 0, 0);
        RgbaMask.ChromaKey(image.Data, image.Pitch, 3, 1, keyU, keyV, 30, 40, ColorMatrix.Bt709, YuvRange.Limited);
        Assert.Equal(0, image.Row(0)[3]);
        Assert.InRange(image.Row(0)[7], 0, 254);
        Assert.Equal(255, image.Row(0)[11]);
    }
}
