// Why: on the CPU, scale and blur split planes into row bands on several threads; frames tall enough for several
// bands must still equal the single-threaded scalar reference exactly.
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
}
