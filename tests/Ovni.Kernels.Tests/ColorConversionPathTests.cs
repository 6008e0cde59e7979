// Why: on CPUs with AVX-512 VBMI the YUV -> RGBA twins run a 64-pixel block loop; elsewhere the AVX2 (32-pixel) or
// 128-bit (16-pixel) loops, then a scalar tail. All must equal the .cu kernel; the parity tests exercise whichever this
// CPU takes (scripts/test.sh runs them at each tier), this file also runs the next narrower loop in the same process
// and compares the two on every matrix, range and layout.
namespace Ovni.Kernels.Tests;

public sealed class ColorConversionPathTests
{
    public static TheoryData<YuvLayout, int, int> Cases()
    {
        var data = new TheoryData<YuvLayout, int, int>();
        foreach (YuvLayout layout in Enum.GetValues<YuvLayout>())
        {
            foreach (ColorMatrix matrix in Enum.GetValues<ColorMatrix>())
            {
                foreach (YuvRange range in Enum.GetValues<YuvRange>())
                {
                    data.Add(layout, (int)matrix, (int)range);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WithoutTheWideLoopTheTwinStillMatchesTheHostKernel(YuvLayout layout, int matrixValue, int rangeValue)
    {
        ColorMatrix matrix = (ColorMatrix)matrixValue;
        YuvRange range = (YuvRange)rangeValue;
        const int width = 453, height = 37; // 7 wide blocks and a 5-pixel tail, odd last row
        Plane[] frame = YuvLayouts.RandomFrame(layout, width, height, seed: 41);
        using Plane fromHost = Plane.Random(4 * width, height, seed: 42);
        using Plane narrow = fromHost.Clone();
        try
        {
            YuvLayouts.HostToRgba(layout, frame, fromHost, width, height, matrix, range);
            ColorConversion.WideKernelsEnabled = false;
            YuvLayouts.TwinToRgba(layout, frame, narrow, width, height, matrix, range);
            narrow.AssertSameAs(fromHost, $"{layout}->RGBA without the wide loop, {matrix} {range}");
        }
        finally
        {
            ColorConversion.WideKernelsEnabled = true;
            YuvLayouts.Dispose(frame);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WideAndNarrowLoopsAgreeOnEverySampleValue(YuvLayout layout, int matrixValue, int rangeValue)
    {
        ColorMatrix matrix = (ColorMatrix)matrixValue;
        YuvRange range = (YuvRange)rangeValue;
        // 4096 x 64 random samples: every luma value meets thousands of chroma pairs, extremes included.
        const int width = 4096, height = 64;
        Plane[] frame = YuvLayouts.RandomFrame(layout, width, height, seed: 43);
        using Plane wide = Plane.Random(4 * width, height, seed: 44);
        using Plane narrow = wide.Clone();
        try
        {
            YuvLayouts.TwinToRgba(layout, frame, wide, width, height, matrix, range);
            ColorConversion.WideKernelsEnabled = false;
            YuvLayouts.TwinToRgba(layout, frame, narrow, width, height, matrix, range);
            wide.AssertSameAs(narrow, $"{layout}->RGBA wide vs narrow loop, {matrix} {range}");
        }
        finally
        {
            ColorConversion.WideKernelsEnabled = true;
            YuvLayouts.Dispose(frame);
        }
    }
}
