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
    [InlineData(1283, 721, 4, 255, 256)]  // RGBA-like interleave: one factor per 4 samples, pulled up to white
    [InlineData(401, 97, 3, 128, 171)]    // 3 channels: the scalar path
    [InlineData(16, 9, 2, 0, 256)]       // shorter than one vector block at every tier
    [InlineData(23170, 3, 1, 16, 256)]    // width² + height² just below 2^30: the vector quotient's exactness bound
    [InlineData(23171, 3, 1, 16, 256)]    // just above it: the exact scalar quotient
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

    [Theory]
    [InlineData(1919, 1079, 1, 0, 0, 0)]     // luma, odd size
    [InlineData(960, 540, 2, 1, 1, 127)]     // NV12 chroma of a 1920x1080 frame
    [InlineData(333, 187, 1, 1, 1, 127)]     // planar chroma of a 666x374 frame
    public void LensVignetteMatchesHostKernel(int width, int height, int channels, int subX, int subY, int centre)
    {
        int lumaWidth = width << subX, lumaHeight = height << subY;
        float[] factors = PlaneBlend.CreateLensVignetteFactors(lumaWidth, lumaHeight, Math.PI / 4);
        using Plane host = Plane.Random(width * channels, height, 3);
        using Plane twin = host.Clone();
        using Plane before = host.Clone();
        fixed (float* f = factors)
        {
            HostKernels.Launch(KernelCatalog.LensVignettePlane, width, height, host.Address, host.Pitch, width, height, channels,
                subX, subY, centre, (long)f, lumaWidth);
        }
        PlaneBlend.LensVignettePlane(twin.Data, twin.Pitch, width, height, channels, subX, subY, centre, factors, lumaWidth);
        twin.AssertSameAs(host, "lens vignette");
        using Plane mapped = before.Clone();
        PlaneBlend.LensVignettePlaneMapped(mapped.Data, mapped.Pitch, width * channels, height, centre,
            PlaneBlend.CreateLensVignettePlaneFactors(factors, lumaWidth, width, height, channels, subX, subY));
        mapped.AssertSameAs(host, "lens vignette, per-byte factors in SIMD lanes");
        // Every sample stays or moves towards `centre`, and the corners (factor about cos⁴(π/4) = 0.25) move a lot.
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width * channels; x++)
                Assert.True(Math.Abs(twin.Row(y)[x] - centre) <= Math.Abs(before.Row(y)[x] - centre), $"({x}, {y}) moved away");
        int d0 = Math.Abs(before.Row(0)[0] - centre);
        Assert.InRange(Math.Abs(twin.Row(0)[0] - centre), d0 / 4 - 1, d0 / 4 + 1);
    }
}
