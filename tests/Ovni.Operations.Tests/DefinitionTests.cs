// The per-frame parameter definitions: how real, possibly animated values become kernel arguments.
namespace Ovni.Operations.Tests;

public sealed class DefinitionTests
{
    [Theory]
    [InlineData(10.0, 10, 0)]
    [InlineData(10.5, 10, 128)]
    [InlineData(10.999, 11, 0)] // 0.999 * 256 rounds to 256: the next whole pixel
    [InlineData(-0.25, -1, 192)]
    public void Overlay_positions_split_into_a_pixel_and_a_256th_fraction(double x, int pixel, int fraction)
    {
        OverlayOperation place = OverlayOperation.Resolve(x, 0, 1);
        Assert.Equal(pixel, place.X);
        Assert.Equal(fraction, place.FractionX);
        Assert.Equal(256, place.Opacity);
    }

    [Fact]
    public void Overlay_rejects_unusable_positions_and_clamps_opacity()
    {
        Assert.Throws<FrameOperationException>(() => OverlayOperation.Resolve(double.NaN, 0, 1));
        Assert.Throws<FrameOperationException>(() => OverlayOperation.Resolve(0, 1e9, 1));
        Assert.Equal(0, OverlayOperation.Resolve(0, 0, -3).Opacity);
        Assert.Equal(256, OverlayOperation.Resolve(0, 0, 7).Opacity);
        Assert.Equal(0, OverlayOperation.Resolve(0, 0, double.NaN).Opacity);
    }

    [Fact]
    public void Blur_below_the_minimum_sigma_is_a_no_op_and_large_sigmas_are_rejected()
    {
        Assert.Null(GaussianBlurOperation.Resolve(0.05));
        Assert.Equal(6, GaussianBlurOperation.Resolve(2.0)!.Value.Radius);
        Assert.Throws<FrameOperationException>(() => GaussianBlurOperation.Resolve(65));
        Assert.Throws<FrameOperationException>(() => GaussianBlurOperation.Resolve(double.PositiveInfinity));
    }

    [Fact]
    public void Chroma_key_distances_are_clamped_and_the_key_is_converted_with_the_frames_matrix()
    {
        var p = ChromaKeyOperation.Resolve(new RgbaColor(0, 255, 0), -5 / ChromaKeyOperation.FullScale, 1000 / ChromaKeyOperation.FullScale, Ovni.Kernels.ColorMatrix.Bt709, Ovni.Kernels.YuvRange.Limited);
        Assert.Equal(0, p.Threshold);
        Assert.Equal(362, p.Softness);
        (_, double u, double v) = ScalarReference.Yuv(0, 255, 0, 1, full: false);
        Assert.Equal(ScalarReference.Round8(u), p.KeyU);
        Assert.Equal(ScalarReference.Round8(v), p.KeyV);
    }

    [Fact]
    public void Scale_requests_are_checked_before_any_frame_is_rented()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 16, 16, 1);
        Assert.Throws<FrameOperationException>(() => new ScaleOperation(0, 10, ScaleFilter.Bilinear).Validate(frame));
        Assert.Throws<FrameOperationException>(() => new ScaleOperation(20000, 10, ScaleFilter.Bilinear).Validate(frame));
        Assert.Throws<FrameOperationException>(() => new ScaleOperation(10, 10, (ScaleFilter)42).Validate(frame));
        new ScaleOperation(15, 9, ScaleFilter.Area).Validate(frame); // odd sizes are fine on the CPU
    }
}
