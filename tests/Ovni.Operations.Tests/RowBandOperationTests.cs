// Why: on the CPU, scale, blur and colour conversion split planes into row bands on several threads; frames tall
// enough for several bands must still equal the single-threaded scalar reference (or whole-plane kernel) exactly.
using Ovni.Kernels;

namespace Ovni.Operations.Tests;

public sealed class RowBandOperationTests
{
    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    public void Bilinear_scale_in_row_bands_matches_the_reference(PixelFormat format)
    {
        using GpuFrame frame = Planes.Synthetic(format, 330, 260, 11);
        byte[][,] before = Planes.Snapshot(frame);
        using GpuFrame scaled = frame.Scale(250, 196, ScaleFilter.Bilinear);
        var expected = new byte[before.Length][,];
        for (int p = 0; p < before.Length; p++)
        {
            int channels = format == PixelFormat.Nv12 && p == 1 ? 2 : 1;
            expected[p] = ScalarReference.Bilinear(before[p], channels, p == 0 ? 250 : 125, p == 0 ? 196 : 98);
        }

        Planes.AssertClose(expected, scaled, 0, "bilinear scale in bands");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P, 2.0)]
    [InlineData(PixelFormat.Rgba, 1.3)]
    public void GaussianBlur_in_row_bands_matches_the_reference(PixelFormat format, double sigma)
    {
        using GpuFrame frame = Planes.Synthetic(format, 300, 170, 12);
        byte[][,] before = Planes.Snapshot(frame);
        frame.GaussianBlur(sigma);
        int[] taps = ScalarReference.GaussianTaps(sigma);
        var expected = new byte[before.Length][,];
        for (int p = 0; p < before.Length; p++)
        {
            int channels = format == PixelFormat.Rgba ? 4 : 1;
            expected[p] = ScalarReference.BlurPass(ScalarReference.BlurPass(before[p], channels, taps, false), channels, taps, true);
        }

        Planes.AssertClose(expected, frame, 0, "gaussian blur in bands");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.P010)]
    [InlineData(PixelFormat.Yuv444P)]
    public unsafe void Colour_conversion_in_row_bands_equals_one_whole_plane_kernel_call(PixelFormat format)
    {
        Assert.SkipWhen(Environment.ProcessorCount < 2, "row bands need at least two cores");
        const int w = 330, h = 521; // odd height: the last 4:2:0 band ends on a lone luma row
        using GpuFrame yuv = Planes.Synthetic(format, w, h, 21);
        using GpuFrame banded = FramePools.Of(OvniConfiguration.Default).Rent(PixelFormat.Rgba, w, h);
        using GpuFrame whole = FramePools.Of(OvniConfiguration.Default).Rent(PixelFormat.Rgba, w, h);
        new ToRgbaOperation(yuv, banded, ColorMatrix.Bt709, YuvRange.Limited).RunOnCpu();
        WholePlane(yuv, whole, toRgba: true);
        Planes.AssertIdentical(whole, banded, $"{format} -> RGBA");

        using GpuFrame bandedYuv = FramePools.Of(OvniConfiguration.Default).Rent(format, w, h);
        using GpuFrame wholeYuv = FramePools.Of(OvniConfiguration.Default).Rent(format, w, h);
        new FromRgbaOperation(whole, bandedYuv, ColorMatrix.Bt709, YuvRange.Limited).RunOnCpu();
        WholePlane(wholeYuv, whole, toRgba: false);
        Planes.AssertIdentical(wholeYuv, bandedYuv, $"RGBA -> {format}");
    }

    [Fact]
    public unsafe void Vignette_in_row_bands_equals_one_whole_plane_kernel_call()
    {
        Assert.SkipWhen(Environment.ProcessorCount < 2, "row bands need at least two cores");
        using GpuFrame banded = Planes.Synthetic(PixelFormat.Nv12, 330, 521, 22);
        using GpuFrame whole = Planes.Synthetic(PixelFormat.Nv12, 330, 521, 22);
        new VignetteOperation(banded, 200, YuvRange.Limited).RunOnCpu();
        PlaneBlend.VignettePlane((byte*)whole.GetPlanePointer(0), whole.GetPitch(0), 330, 521, 1, 16, 200);
        PlaneBlend.VignettePlane((byte*)whole.GetPlanePointer(1), whole.GetPitch(1), 165, 261, 2, 128, 200);
        Planes.AssertIdentical(whole, banded, "vignette in bands");
    }

    [Fact]
    public unsafe void Chroma_key_in_row_bands_equals_one_whole_plane_kernel_call()
    {
        Assert.SkipWhen(Environment.ProcessorCount < 2, "row bands need at least two cores");
        using GpuFrame banded = Planes.Synthetic(PixelFormat.Rgba, 330, 521, 23);
        using GpuFrame whole = Planes.Synthetic(PixelFormat.Rgba, 330, 521, 23);
        new ChromaKeyOperation(banded, 60, 70, 40, 30, ColorMatrix.Bt709, YuvRange.Limited).RunOnCpu();
        RgbaMask.ChromaKey((byte*)whole.GetPlanePointer(0), whole.GetPitch(0), 330, 521, 60, 70, 40, 30, ColorMatrix.Bt709, YuvRange.Limited);
        Planes.AssertIdentical(whole, banded, "chroma key in bands");
    }

    private static unsafe void WholePlane(GpuFrame yuv, GpuFrame rgba, bool toRgba)
    {
        byte* P(GpuFrame f, int p) => (byte*)f.GetPlanePointer(p);
        int w = yuv.Width, h = yuv.Height;
        (ColorMatrix m, YuvRange r) = (ColorMatrix.Bt709, YuvRange.Limited);
        switch (yuv.Format, toRgba)
        {
            case (PixelFormat.Nv12, true): ColorConversion.Nv12ToRgba(P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), P(rgba, 0), rgba.GetPitch(0), w, h, m, r); break;
            case (PixelFormat.Nv12, false): ColorConversion.RgbaToNv12(P(rgba, 0), rgba.GetPitch(0), P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), w, h, m, r); break;
            case (PixelFormat.P010, true): ColorConversion.P010ToRgba(P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), P(rgba, 0), rgba.GetPitch(0), w, h, m, r); break;
            case (PixelFormat.P010, false): ColorConversion.RgbaToP010(P(rgba, 0), rgba.GetPitch(0), P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), w, h, m, r); break;
            case (PixelFormat.Yuv444P, true):
                ColorConversion.Yuv444PToRgba(P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), P(yuv, 2), yuv.GetPitch(2), P(rgba, 0), rgba.GetPitch(0), w, h, m, r);
                break;
            case (PixelFormat.Yuv444P, false):
                ColorConversion.RgbaToYuv444P(P(rgba, 0), rgba.GetPitch(0), P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), P(yuv, 2), yuv.GetPitch(2), w, h, m, r);
                break;
            case (_, true):
                ColorConversion.Yuv420PToRgba(P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), P(yuv, 2), yuv.GetPitch(2), P(rgba, 0), rgba.GetPitch(0), w, h, m, r);
                break;
            default:
                ColorConversion.RgbaToYuv420P(P(rgba, 0), rgba.GetPitch(0), P(yuv, 0), yuv.GetPitch(0), P(yuv, 1), yuv.GetPitch(1), P(yuv, 2), yuv.GetPitch(2), w, h, m, r);
                break;
        }
    }
}
