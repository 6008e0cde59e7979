// Why: the operations split planes into row bands on several threads; every band boundary must produce exactly
// the rows a whole-plane call produces (scale bands recompute shared source rows, blur bands clamp at the plane).
namespace Ovni.Kernels.Tests;

public sealed unsafe class RowBandTests
{
    private static readonly int[] Bands = [0, 1, 37, 38, 200, 359, 360];

    [Theory]
    [InlineData("bilinear", 1)]
    [InlineData("bicubic", 2)]
    [InlineData("lanczos3", 1)]
    [InlineData("lanczos3", 4)]
    public void Scale_in_uneven_row_bands_equals_one_call(string filter, int channels)
    {
        const int sw = 641, sh = 481, dw = 400, dh = 360;
        using Plane src = Plane.Random(sw * channels, sh, 4);
        using Plane whole = Plane.Random(dw * channels, dh, 5);
        using Plane banded = whole.Clone(); // same padding bytes, which neither call may touch
        Scale(filter, src, whole, 0, dh, channels);
        for (int b = 0; b + 1 < Bands.Length; b++)
        {
            Scale(filter, src, banded, Bands[b], Bands[b + 1], channels);
        }

        banded.AssertSameAs(whole, filter + " in bands");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Blur_in_uneven_row_bands_equals_one_call(bool vertical)
    {
        const int width = 500, height = 360, channels = 2;
        int[] weights = PlaneBlur.CreateGaussianWeights(2.5);
        using Plane src = Plane.Random(width * channels, height, 7);
        using Plane whole = Plane.Random(width * channels, height, 8);
        using Plane banded = whole.Clone(); // same padding bytes, which neither call may touch
        PlaneBlur.BlurPass(src.Data, src.Pitch, whole.Data, whole.Pitch, width, height, channels, weights, vertical);
        for (int b = 0; b + 1 < Bands.Length; b++)
        {
            PlaneBlur.BlurPassRows(src.Data, src.Pitch, banded.Data, banded.Pitch, width, height, channels, weights, vertical, Bands[b], Bands[b + 1]);
        }

        banded.AssertSameAs(whole, "blur in bands");
    }

    private static void Scale(string filter, Plane src, Plane dst, int rowStart, int rowEnd, int channels)
    {
        int sw = src.WidthBytes / channels, dw = dst.WidthBytes / channels;
        switch (filter)
        {
            case "bicubic":
                PlaneScale.ScalePlaneBicubicRows(src.Data, src.Pitch, sw, src.Height, dst.Data, dst.Pitch, dw, dst.Height, channels, rowStart, rowEnd);
                break;
            case "lanczos3":
                PlaneScale.ScalePlaneLanczos3Rows(src.Data, src.Pitch, sw, src.Height, dst.Data, dst.Pitch, dw, dst.Height, channels,
                    OverlayBlendScaleParityTests.Lanczos3Table, rowStart, rowEnd);
                break;
            default:
                PlaneScale.ScalePlaneBilinearRows(src.Data, src.Pitch, sw, src.Height, dst.Data, dst.Pitch, dw, dst.Height, channels, rowStart, rowEnd);
                break;
        }
    }
}
