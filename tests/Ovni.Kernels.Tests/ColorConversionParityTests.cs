// Why: the .cu colour kernels (compiled for the host) and the C# SIMD twins must agree bit for bit,
// padding untouched, for every layout, matrix and range, on odd sizes and pitched planes.
namespace Ovni.Kernels.Tests;

public sealed class ColorConversionParityTests
{
    public static TheoryData<YuvLayout, int, int, int, int> Cases()
    {
        var data = new TheoryData<YuvLayout, int, int, int, int>();
        foreach (YuvLayout layout in Enum.GetValues<YuvLayout>())
        {
            // Full HD-ish odd size once per layout; every matrix and range on small odd/even shapes.
            data.Add(layout, (int)ColorMatrix.Bt709, (int)YuvRange.Limited, 1919, 1079);
            foreach (ColorMatrix matrix in Enum.GetValues<ColorMatrix>())
            {
                foreach (YuvRange range in Enum.GetValues<YuvRange>())
                {
                    data.Add(layout, (int)matrix, (int)range, 67, 33);
                }
            }

            data.Add(layout, (int)ColorMatrix.Bt601, (int)YuvRange.Full, 1, 1);
            data.Add(layout, (int)ColorMatrix.Bt2020, (int)YuvRange.Limited, 16, 2);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void YuvToRgbaMatchesHostKernel(YuvLayout layout, int matrixValue, int rangeValue, int width, int height)
    {
        ColorMatrix matrix = (ColorMatrix)matrixValue;
        YuvRange range = (YuvRange)rangeValue;
        Plane[] frame = YuvLayouts.RandomFrame(layout, width, height, seed: 11);
        using Plane fromHost = Plane.Random(4 * width, height, seed: 12);
        using Plane fromTwin = fromHost.Clone();
        try
        {
            YuvLayouts.HostToRgba(layout, frame, fromHost, width, height, matrix, range);
            YuvLayouts.TwinToRgba(layout, frame, fromTwin, width, height, matrix, range);
            fromTwin.AssertSameAs(fromHost, $"{layout}->RGBA {matrix} {range} {width}x{height}");
        }
        finally
        {
            YuvLayouts.Dispose(frame);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RgbaToYuvMatchesHostKernel(YuvLayout layout, int matrixValue, int rangeValue, int width, int height)
    {
        ColorMatrix matrix = (ColorMatrix)matrixValue;
        YuvRange range = (YuvRange)rangeValue;
        using Plane rgba = Plane.Random(4 * width, height, seed: 21);
        Plane[] fromHost = YuvLayouts.RandomFrame(layout, width, height, seed: 22);
        Plane[] fromTwin = YuvLayouts.Clone(fromHost);
        try
        {
            YuvLayouts.HostFromRgba(layout, rgba, fromHost, width, height, matrix, range);
            YuvLayouts.TwinFromRgba(layout, rgba, fromTwin, width, height, matrix, range);
            for (int i = 0; i < fromHost.Length; i++)
            {
                fromTwin[i].AssertSameAs(fromHost[i], $"RGBA->{layout} plane {i} {matrix} {range} {width}x{height}");
            }
        }
        finally
        {
            YuvLayouts.Dispose(fromHost);
            YuvLayouts.Dispose(fromTwin);
        }
    }
}
