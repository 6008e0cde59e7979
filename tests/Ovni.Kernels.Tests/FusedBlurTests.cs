// Why: the operation blurs with PlaneBlur.Blur (both passes fused through a ring of 16-bit rows), while the .cu kernel
// and the scalar references are checked against BlurPass; the fused blur must give exactly BlurPass's bytes
// (horizontal into a temporary plane, then vertical) for every size, channel count, radius, band split and weight
// shape, in place too.
namespace Ovni.Kernels.Tests;

public sealed unsafe class FusedBlurTests
{
    [Theory]
    [InlineData(1920, 1080, 1, 2.0)]
    [InlineData(960, 540, 1, 2.0)]
    [InlineData(333, 97, 2, 0.8)]
    [InlineData(41, 23, 4, 5.0)]
    [InlineData(17, 40, 3, 1.2)]
    [InlineData(5, 3, 1, 3.0)] // radius 9 is wider and taller than the plane
    [InlineData(1, 1, 1, 0.5)]
    [InlineData(70, 9, 4, 64.0)] // radius 192: the ring is the whole (short) plane
    public void FusedEqualsTwoPasses(int width, int height, int channels, double sigma) =>
        AssertFusedEqualsTwoPasses(width, height, channels, PlaneBlur.CreateGaussianWeights(sigma), seed: width + height);

    [Theory]
    [InlineData(new[] { 100, 3000, 9000, 4000, 284 })] // asymmetric: one multiply per tap
    [InlineData(new[] { -3000, 7000, 12000, 7000, -3000 })] // negative lobes: results below 0 and above 255 clamp
    [InlineData(new[] { 40000, -20000, 12000, -20000, 40000 })] // beyond 16-bit lanes: the scalar path
    [InlineData(new[] { 5000, -9000, 16384, 1000, 3000, 0, 7 })] // asymmetric, odd value count, mixed signs
    public void FusedEqualsTwoPassesForAnyWeights(int[] weights)
    {
        AssertFusedEqualsTwoPasses(131, 29, 1, weights, seed: 5);
        AssertFusedEqualsTwoPasses(45, 20, 3, weights, seed: 6);
    }

    [Fact]
    public void InPlaceEqualsOutOfPlace()
    {
        const int width = 203, height = 61, channels = 2;
        int[] weights = PlaneBlur.CreateGaussianWeights(2.0);
        using Plane src = Plane.Random(width * channels, height, 7), apart = src.Clone(), inPlace = src.Clone();
        PlaneBlur.Blur(src.Data, src.Pitch, apart.Data, apart.Pitch, width, height, channels, weights, 0, height);
        PlaneBlur.Blur(inPlace.Data, inPlace.Pitch, inPlace.Data, inPlace.Pitch, width, height, channels, weights, 0, height);
        inPlace.AssertSameAs(apart, "in-place fused blur");
    }

    [Fact]
    public void UnevenBandsEqualOneCall()
    {
        const int width = 150, height = 77, channels = 1;
        int[] weights = PlaneBlur.CreateGaussianWeights(3.0);
        int[] bands = [0, 1, 9, 10, 40, 76, 77];
        using Plane src = Plane.Random(width, height, 8), whole = Plane.Random(width, height, 9), banded = whole.Clone();
        PlaneBlur.Blur(src.Data, src.Pitch, whole.Data, whole.Pitch, width, height, channels, weights, 0, height);
        for (int b = 0; b + 1 < bands.Length; b++)
        {
            PlaneBlur.Blur(src.Data, src.Pitch, banded.Data, banded.Pitch, width, height, channels, weights, bands[b], bands[b + 1]);
        }

        banded.AssertSameAs(whole, "fused blur in bands");
    }

    [Fact]
    public void WritesOnlyTheRequestedRowsAndRowBytes()
    {
        const int width = 37, height = 12;
        int[] weights = PlaneBlur.CreateGaussianWeights(1.0);
        using Plane src = Plane.Random(width, height, 10), dst = Plane.Random(width, height, 11);
        using Plane before = dst.Clone();
        PlaneBlur.Blur(src.Data, src.Pitch, dst.Data, dst.Pitch, width, height, 1, weights, 3, 8);
        for (int y = 0; y < height; y++)
        {
            // Rows outside [3, 8) and the pitch padding after each row stay as they were.
            Span<byte> now = new(dst.Data + ((long)y * dst.Pitch), dst.Pitch), was = new(before.Data + ((long)y * before.Pitch), before.Pitch);
            Assert.True(now[width..].SequenceEqual(was[width..]), $"row {y}: bytes after the row changed");
            Assert.Equal(y is < 3 or >= 8, now[..width].SequenceEqual(was[..width]));
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(64.0)]
    public void RepeatedBlursAllocateNothing(double sigma)
    {
        const int width = 320, height = 200;
        int[] weights = PlaneBlur.CreateGaussianWeights(sigma);
        using Plane plane = Plane.Random(width, height, 12);
        PlaneBlur.Blur(plane.Data, plane.Pitch, plane.Data, plane.Pitch, width, height, 1, weights, 0, height); // grows this thread's ring
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            PlaneBlur.Blur(plane.Data, plane.Pitch, plane.Data, plane.Pitch, width, height, 1, weights, 0, height);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertFusedEqualsTwoPasses(int width, int height, int channels, int[] weights, int seed)
    {
        using Plane src = Plane.Random(width * channels, height, seed);
        using Plane temp = new(width * channels, height), twoPasses = Plane.Random(width * channels, height, seed + 1), fused = twoPasses.Clone();
        PlaneBlur.BlurPass(src.Data, src.Pitch, temp.Data, temp.Pitch, width, height, channels, weights, vertical: false);
        PlaneBlur.BlurPass(temp.Data, temp.Pitch, twoPasses.Data, twoPasses.Pitch, width, height, channels, weights, vertical: true);
        PlaneBlur.Blur(src.Data, src.Pitch, fused.Data, fused.Pitch, width, height, channels, weights, 0, height);
        fused.AssertSameAs(twoPasses, $"fused blur {width}x{height}x{channels}, {weights.Length} taps");
    }
}
