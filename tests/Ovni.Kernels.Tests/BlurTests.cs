// Why: the blur .cu kernel and its C# twin must agree bit for bit (both passes, edges, channels), the
// twin must equal a plain convolution, and the Gaussian taps must be a normalised Gaussian.
namespace Ovni.Kernels.Tests;

public sealed unsafe class BlurTests
{
    [Theory]
    [InlineData(1919, 1079, 1, 2.0)]
    [InlineData(333, 97, 2, 0.8)]
    [InlineData(41, 23, 4, 5.0)]
    [InlineData(5, 3, 1, 3.0)] // radius 9 is wider than the plane: every tap clamps
    public void BlurMatchesHostKernelBothPasses(int width, int height, int channels, double sigma)
    {
        int[] weights = PlaneBlur.CreateGaussianWeights(sigma);
        using Plane src = Plane.Random(width * channels, height, 1);
        using Plane hostTemp = Plane.Random(width * channels, height, 2), hostOut = Plane.Random(width * channels, height, 3);
        using Plane twinTemp = hostTemp.Clone(), twinOut = hostOut.Clone();
        fixed (int* w = weights)
        {
            HostKernels.Launch(KernelCatalog.BlurPlane, width, height, src.Address, src.Pitch, hostTemp.Address, hostTemp.Pitch, width, height, channels, (long)w, weights.Length / 2, 0);
            HostKernels.Launch(KernelCatalog.BlurPlane, width, height, hostTemp.Address, hostTemp.Pitch, hostOut.Address, hostOut.Pitch, width, height, channels, (long)w, weights.Length / 2, 1);
        }

        PlaneBlur.BlurPass(src.Data, src.Pitch, twinTemp.Data, twinTemp.Pitch, width, height, channels, weights, vertical: false);
        PlaneBlur.BlurPass(twinTemp.Data, twinTemp.Pitch, twinOut.Data, twinOut.Pitch, width, height, channels, weights, vertical: true);
        twinTemp.AssertSameAs(hostTemp, "horizontal pass");
        twinOut.AssertSameAs(hostOut, "vertical pass");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(10.0)]
    public void GaussianWeightsAreANormalisedGaussian(double sigma)
    {
        int[] w = PlaneBlur.CreateGaussianWeights(sigma);
        int radius = w.Length / 2;
        Assert.Equal(Math.Max(1, (int)Math.Ceiling(3 * sigma)), radius);
        Assert.Equal(PlaneBlur.WeightOne, w.Sum());
        double norm = Enumerable.Range(-radius, w.Length).Sum(i => Math.Exp(-(i * i) / (2 * sigma * sigma)));
        for (int i = -radius; i <= radius; i++)
        {
            Assert.Equal(w[i + radius], w[radius - i]);
            double ideal = Math.Exp(-(i * i) / (2 * sigma * sigma)) / norm * PlaneBlur.WeightOne;
            Assert.InRange(w[i + radius], ideal - (i == 0 ? w.Length : 1), ideal + (i == 0 ? w.Length : 1));
        }
    }

    [Fact]
    public void TwinEqualsPlainConvolution()
    {
        const int width = 57, height = 31, channels = 3;
        int[] weights = PlaneBlur.CreateGaussianWeights(1.7);
        int radius = weights.Length / 2;
        using Plane src = Plane.Random(width * channels, height, 4), h = new(width * channels, height), v = new(width * channels, height);
        PlaneBlur.BlurPass(src.Data, src.Pitch, h.Data, h.Pitch, width, height, channels, weights, vertical: false);
        PlaneBlur.BlurPass(h.Data, h.Pitch, v.Data, v.Pitch, width, height, channels, weights, vertical: true);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double rowSum = 0, columnSum = 0;
                    for (int t = -radius; t <= radius; t++)
                    {
                        rowSum += weights[t + radius] * src.Row(y)[(Math.Clamp(x + t, 0, width - 1) * channels) + c];
                        columnSum += weights[t + radius] * h.Row(Math.Clamp(y + t, 0, height - 1))[(x * channels) + c];
                    }

                    Assert.Equal((int)Math.Floor((rowSum / 16384) + 0.5), h.Row(y)[(x * channels) + c]);
                    Assert.Equal((int)Math.Floor((columnSum / 16384) + 0.5), v.Row(y)[(x * channels) + c]);
                }
            }
        }
    }

    [Fact]
    public void BlurKeepsAFlatPlaneFlatAndSoftensAnEdge()
    {
        const int width = 64, height = 8;
        int[] weights = PlaneBlur.CreateGaussianWeights(2.0);
        using Plane src = new(width, height), dst = new(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                src.Row(y)[x] = (byte)(x < 32 ? 40 : 200);
            }
        }

        PlaneBlur.BlurPass(src.Data, src.Pitch, dst.Data, dst.Pitch, width, height, 1, weights, vertical: false);
        Assert.Equal(40, dst.Row(3)[0]);
        Assert.Equal(200, dst.Row(3)[63]);
        Assert.InRange(dst.Row(3)[31], 41, 199);
        Assert.InRange(dst.Row(3)[32], 41, 199);
        Assert.True(dst.Row(3)[31] < dst.Row(3)[32]);
    }
}
