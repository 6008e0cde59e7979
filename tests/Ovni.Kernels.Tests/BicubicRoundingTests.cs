// Why: bicubic rounds its horizontal sums to 1/128 of a code value so they fit 16-bit lanes (scale.cu). The
// documentation promises the result stays within one code value of the unrounded Catmull-Rom sum (the rounding
// moves the vertical sum by at most ~0.005 of a code value); this checks that promise on noise, where every
// fraction and edge case occurs, for both paths.
namespace Ovni.Kernels.Tests;

public sealed unsafe class BicubicRoundingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bicubic_is_within_one_of_the_unrounded_sum(bool portable)
    {
        const int sw = 301, sh = 203, dw = 500, dh = 137;
        using Plane src = Plane.Random(sw, sh, 21), dst = new(dw, dh);
        PlaneScale.ForcePortable = portable;
        try
        {
            PlaneScale.ScalePlaneBicubic(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, 1);
        }
        finally
        {
            PlaneScale.ForcePortable = false;
        }

        int differing = 0;
        for (int y = 0; y < dh; y++)
        {
            int py = PlaneScale.SourcePosition(y, sh, dh);
            PlaneScale.CubicWeights(py & 255, out int v0, out int v1, out int v2, out int v3);
            int[] wy = [v0, v1, v2, v3];
            for (int x = 0; x < dw; x++)
            {
                int px = PlaneScale.SourcePosition(x, sw, dw);
                PlaneScale.CubicWeights(px & 255, out int u0, out int u1, out int u2, out int u3);
                int[] wx = [u0, u1, u2, u3];
                long acc = 0;
                for (int j = 0; j < 4; j++)
                {
                    ReadOnlySpan<byte> row = src.Row(Math.Clamp((py >> 8) - 1 + j, 0, sh - 1));
                    long h = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        h += wx[i] * row[Math.Clamp((px >> 8) - 1 + i, 0, sw - 1)];
                    }

                    acc += wy[j] * h;
                }

                int unrounded = (int)Math.Clamp((acc + (1L << 27)) >> 28, 0, 255);
                int actual = dst.Row(y)[x];
                Assert.True(Math.Abs(actual - unrounded) <= 1, $"({x},{y}): {actual} vs unrounded {unrounded}");
                differing += actual != unrounded ? 1 : 0;
            }
        }

        // Few samples sit close enough to a rounding boundary to move (115 of 68500 here); many more would mean a
        // wrong shift or bias.
        Assert.True(differing < dw * dh / 100, $"{differing} of {dw * dh} samples differ from the unrounded sum");
    }
}
