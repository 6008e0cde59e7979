// Why: independent scalar statements for the twins not covered by ReferenceTests/OpsReferenceTests:
// Lanczos-3, P010 cross-fade, rounded corners, chroma key and the sub-pixel shift.
namespace Ovni.Kernels.Tests;

public sealed unsafe class MoreReferenceTests
{
    [Theory]
    [InlineData(47, 29, 120, 70, 1)]
    [InlineData(120, 80, 37, 23, 2)]
    public void Lanczos3TwinEqualsReference(int sw, int sh, int dw, int dh, int channels)
    {
        int[] table = PlaneScale.CreateLanczos3Table();
        using Plane src = Plane.Random(sw * channels, sh, 7), dst = new(dw * channels, dh);
        PlaneScale.ScalePlaneLanczos3(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels, table);
        int At(int x, int y, int c) => src.Row(Math.Clamp(y, 0, sh - 1))[(Math.Clamp(x, 0, sw - 1) * channels) + c];
        for (int y = 0; y < dh; y++)
        {
            int py = (int)Math.Floor((((2 * y) + 1) * (double)sh * 256 / (2.0 * dh)) - 128);
            int sy = (int)Math.Floor(py / 256.0), fy = py - (256 * sy);
            for (int x = 0; x < dw; x++)
            {
                int px = (int)Math.Floor((((2 * x) + 1) * (double)sw * 256 / (2.0 * dw)) - 128);
                int sx = (int)Math.Floor(px / 256.0), fx = px - (256 * sx);
                for (int c = 0; c < channels; c++)
                {
                    double acc = 0;
                    for (int j = 0; j < 6; j++)
                    {
                        double h = 0;
                        for (int i = 0; i < 6; i++)
                        {
                            h += table[(6 * fx) + i] * At(sx - 2 + i, sy - 2 + j, c);
                        }

                        acc += table[(6 * fy) + j] * h;
                    }

                    Assert.Equal(Math.Clamp((int)Math.Floor((acc / (1L << 28)) + 0.5), 0, 255), dst.Row(y)[(x * channels) + c]);
                }
            }
        }
    }

    [Fact]
    public void P010CrossFadeEqualsReference()
    {
        const int samples = 53, height = 5, weight = 99;
        using Plane a = Plane.Random(2 * samples, height, 1), b = Plane.Random(2 * samples, height, 2), dst = new(2 * samples, height);
        PlaneBlend.BlendPlaneP010(a.Data, a.Pitch, b.Data, b.Pitch, dst.Data, dst.Pitch, samples, height, weight);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < samples; x++)
            {
                int va = BitConverter.ToUInt16(a.Row(y).Slice(2 * x, 2)) / 64, vb = BitConverter.ToUInt16(b.Row(y).Slice(2 * x, 2)) / 64;
                int mixed = (int)Math.Floor(((va * (256.0 - weight)) + (vb * weight)) / 256 + 0.5);
                Assert.Equal(mixed * 64, BitConverter.ToUInt16(dst.Row(y).Slice(2 * x, 2)));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundCornersEqualsReference(bool premultiplied)
    {
        const int width = 50, height = 37, radius = 15;
        using Plane image = OverlayBlendScaleParityTests.RandomOverlay(width, height, 9), before = image.Clone();
        RgbaMask.RoundCorners(image.Data, image.Pitch, width, height, radius, premultiplied);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Count the 4x4 subsamples (pixel + (2i+1)/8) inside the rounded rectangle [0,width] x [0,height].
                int count = 0;
                for (int j = 0; j < 4; j++)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        double sx = x + ((2 * i) + 1) / 8.0, sy = y + ((2 * j) + 1) / 8.0;
                        double cx = Math.Clamp(sx, radius, width - radius), cy = Math.Clamp(sy, radius, height - radius);
                        count += ((sx - cx) * (sx - cx)) + ((sy - cy) * (sy - cy)) <= (double)radius * radius ? 1 : 0;
                    }
                }

                for (int c = 0; c < 4; c++)
                {
                    int original = before.Row(y)[(4 * x) + c];
                    int expected = c == 3 || premultiplied ? (int)Math.Floor(((original * count) + 8) / 16.0) : original;
                    Assert.True(expected == image.Row(y)[(4 * x) + c], $"({x},{y}) channel {c}: {image.Row(y)[(4 * x) + c]} expected {expected}");
                }
            }
        }
    }

    [Fact]
    public void ChromaKeyEqualsReference()
    {
        const int width = 211, height = 9, threshold = 25, softness = 45;
        int[] k = ReferenceKernels.ForwardCoefficients(ColorMatrix.Bt709, YuvRange.Limited);
        int keyU = ReferenceKernels.Chroma(0, 255, 0, 1, 8, k, 3), keyV = ReferenceKernels.Chroma(0, 255, 0, 1, 8, k, 6);
        using Plane image = Plane.Random(4 * width, height, 3), before = image.Clone();
        RgbaMask.ChromaKey(image.Data, image.Pitch, width, height, keyU, keyV, threshold, softness, ColorMatrix.Bt709, YuvRange.Limited);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                ReadOnlySpan<byte> p = before.Row(y).Slice(4 * x, 4);
                double du = ReferenceKernels.Chroma(p[0], p[1], p[2], 1, 8, k, 3) - keyU, dv = ReferenceKernels.Chroma(p[0], p[1], p[2], 1, 8, k, 6) - keyV;
                double d2 = (du * du) + (dv * dv), inner = threshold * threshold, outer = (threshold + softness) * (threshold + softness);
                int alpha = d2 >= outer ? p[3]
                    : d2 <= inner ? 0
                    : (int)Math.Floor(((p[3] * Math.Floor((d2 - inner) * 256 / (outer - inner))) + 128) / 256);
                Assert.Equal(alpha, image.Row(y)[(4 * x) + 3]);
                Assert.True(p[..3].SequenceEqual(image.Row(y).Slice(4 * x, 3)), "colour must not change");
            }
        }
    }
}
