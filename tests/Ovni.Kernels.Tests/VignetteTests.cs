// Why: vignette kernel vs twin bit for bit (luma and interleaved chroma), against its documented formula,
// and the visible behaviour: the centre keeps its value, the corners move towards `centre`.
namespace Ovni.Kernels.Tests;

public sealed unsafe class VignetteTests
{
    [Theory]
    [InlineData(1919, 1079, 1, 16, 200)]
    [InlineData(960, 540, 2, 128, 256)]
    [InlineData(7, 3, 1, 0, 90)]
    [InlineData(3841, 2161, 1, 16, 256)] // 4K-plus, odd both ways: the largest quotients and a middle row
    public void VignetteMatchesHostKernel(int width, int height, int channels, int centre, int strength)
    {
        using Plane host = Plane.Random(width * channels, height, 1);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.VignettePlane, width, height, host.Address, host.Pitch, width, height, channels, centre, strength);
        PlaneBlend.VignettePlane(twin.Data, twin.Pitch, width, height, channels, centre, strength);
        twin.AssertSameAs(host, "vignette");
    }

    [Fact]
    public void TwinFollowsTheDocumentedFormulaAndDarkensCorners()
    {
        const int width = 101, height = 57;
        using Plane plane = Plane.Random(width, height, 2), before = plane.Clone();
        PlaneBlend.VignettePlane(plane.Data, plane.Pitch, width, height, 1, 16, 256);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double r2 = Math.Pow((2 * x) + 1 - width, 2) + Math.Pow((2 * y) + 1 - height, 2);
                int q = (int)Math.Floor(r2 * 256 / ((width * width) + (height * height)));
                int f = 256 - (int)Math.Floor(((256.0 * q * q) + 32768) / 65536);
                int expected = Math.Clamp(16 + (int)Math.Floor((((before.Row(y)[x] - 16) * f) + 128) / 256.0), 0, 255);
                Assert.Equal(expected, plane.Row(y)[x]);
            }
        }

        using Plane white = new(width, height);
        white.All.Fill(235);
        PlaneBlend.VignettePlane(white.Data, white.Pitch, width, height, 1, 16, 200);
        Assert.Equal(235, white.Row(height / 2)[width / 2]);
        Assert.InRange(white.Row(0)[0], 16, 100);
        Assert.True(white.Row(0)[0] < white.Row(height / 2)[10]);
    }
}
