// Why: each SIMD twin must equal the independent scalar reference (ReferenceKernels) and the fixed-point
// math must stay within one code value of the real-number colour formulas.
namespace Ovni.Kernels.Tests;

public sealed unsafe class ReferenceTests
{
    public static TheoryData<int, int> MatricesAndRanges()
    {
        var data = new TheoryData<int, int>();
        foreach (ColorMatrix m in Enum.GetValues<ColorMatrix>())
        {
            foreach (YuvRange r in Enum.GetValues<YuvRange>())
            {
                data.Add((int)m, (int)r);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MatricesAndRanges))]
    public void CoefficientTablesFollowTheDocumentedDerivation(int mValue, int rValue)
    {
        ColorMatrix m = (ColorMatrix)mValue;
        YuvRange r = (YuvRange)rValue;
        RgbToYuvCoefficients f = ColorMatrixTable.Forward(m, r);
        Assert.Equal(ReferenceKernels.ForwardCoefficients(m, r), new[] {f.Yr, f.Yg, f.Yb, f.Ur, f.Ug, f.Ub, f.Vr, f.Vg, f.Vb, f.YOffset });
        YuvToRgbCoefficients i = ColorMatrixTable.Inverse(m, r);
        Assert.Equal(ReferenceKernels.InverseCoefficients(m, r), new[] {i.Cy, i.Crv, i.Cgu, i.Cgv, i.Cbu, i.YOffset });
    }

    [Theory]
    [MemberData(nameof(MatricesAndRanges))]
    public void FixedPointIsWithinOneOfRealNumberMath(int mValue, int rangeValue)
    {
        ColorMatrix m = (ColorMatrix)mValue;
        YuvRange range = (YuvRange)rangeValue;
        (double kr, double kb) = ReferenceKernels.Weights(m);
        double kg = 1 - kr - kb;
        bool full = range == YuvRange.Full;
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(m, range);
        for (int r = 0; r < 256; r += 5)
        {
            for (int g = 0; g < 256; g += 3)
            {
                for (int b = 0; b < 256; b += 7)
                {
                    double y = (kr * r) + (kg * g) + (kb * b);
                    double u = (b - y) / (2 * (1 - kb)), v = (r - y) / (2 * (1 - kr));
                    double yExpected = full ? y : 16 + (y * 219 / 255);
                    double uExpected = Math.Min(255, 128 + (u * (full ? 1 : 224.0 / 255)));
                    double vExpected = Math.Min(255, 128 + (v * (full ? 1 : 224.0 / 255)));
                    Assert.InRange(ColorMatrixTable.Luma(r, g, b, c, 0), yExpected - 1, yExpected + 1);
                    Assert.InRange(ColorMatrixTable.Chroma(r, g, b, c.Ur, c.Ug, c.Ub, 0, 0), uExpected - 1, uExpected + 1);
                    Assert.InRange(ColorMatrixTable.Chroma(r, g, b, c.Vr, c.Vg, c.Vb, 0, 0), vExpected - 1, vExpected + 1);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(MatricesAndRanges))]
    public void Yuv444RoundTripKeepsColoursClose(int mValue, int rangeValue)
    {
        ColorMatrix m = (ColorMatrix)mValue;
        YuvRange range = (YuvRange)rangeValue;
        const int width = 64, height = 64;
        using Plane rgba = Plane.Random(4 * width, height, 3);
        using Plane back = new(4 * width, height);
        Plane[] yuv = YuvLayouts.RandomFrame(YuvLayout.Yuv444P, width, height, 4);
        try
        {
            YuvLayouts.TwinFromRgba(YuvLayout.Yuv444P, rgba, yuv, width, height, m, range);
            YuvLayouts.TwinToRgba(YuvLayout.Yuv444P, yuv, back, width, height, m, range);
            int worst = 0;
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < 4 * width; x++)
                {
                    int expected = x % 4 == 3 ? 255 : rgba.Row(y)[x];
                    worst = Math.Max(worst, Math.Abs(back.Row(y)[x] - expected));
                }
            }

            // 8-bit limited range quantises to 219/224 levels: a round trip may move a channel by a few codes.
            Assert.InRange(worst, 0, range == YuvRange.Full ? 3 : 4);
        }
        finally
        {
            YuvLayouts.Dispose(yuv);
        }
    }

    [Theory]
    [InlineData(YuvLayout.Yuv420P, (int)ColorMatrix.Bt601, (int)YuvRange.Limited)]
    [InlineData(YuvLayout.Nv12, (int)ColorMatrix.Bt709, (int)YuvRange.Full)]
    [InlineData(YuvLayout.P010, (int)ColorMatrix.Bt2020, (int)YuvRange.Limited)]
    [InlineData(YuvLayout.Yuv444P, (int)ColorMatrix.Bt709, (int)YuvRange.Limited)]
    public void YuvToRgbaTwinEqualsReference(YuvLayout layout, int mValue, int rangeValue)
    {
        ColorMatrix m = (ColorMatrix)mValue;
        YuvRange range = (YuvRange)rangeValue;
        const int width = 203, height = 77;
        Plane[] frame = YuvLayouts.RandomFrame(layout, width, height, 8);
        using Plane rgba = new(4 * width, height);
        try
        {
            YuvLayouts.TwinToRgba(layout, frame, rgba, width, height, m, range);
            int[] k = ReferenceKernels.InverseCoefficients(m, range);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    (int ys, int us, int vs, int bits) = ReadYuv(layout, frame, x, y);
                    (int r, int g, int b) = ReferenceKernels.YuvToRgb(ys, us, vs, bits, k);
                    ReadOnlySpan<byte> px = rgba.Row(y).Slice(4 * x, 4);
                    Assert.True(px[0] == r && px[1] == g && px[2] == b && px[3] == 255,
                        $"{layout} pixel ({x},{y}): twin {px[0]},{px[1]},{px[2]},{px[3]} reference {r},{g},{b},255");
                }
            }
        }
        finally
        {
            YuvLayouts.Dispose(frame);
        }
    }

    [Theory]
    [InlineData(YuvLayout.Yuv420P, (int)ColorMatrix.Bt601, (int)YuvRange.Limited)]
    [InlineData(YuvLayout.Nv12, (int)ColorMatrix.Bt709, (int)YuvRange.Full)]
    [InlineData(YuvLayout.P010, (int)ColorMatrix.Bt2020, (int)YuvRange.Limited)]
    [InlineData(YuvLayout.Yuv444P, (int)ColorMatrix.Bt709, (int)YuvRange.Limited)]
    public void RgbaToYuvTwinEqualsReference(YuvLayout layout, int mValue, int rangeValue)
    {
        ColorMatrix m = (ColorMatrix)mValue;
        YuvRange range = (YuvRange)rangeValue;
        const int width = 203, height = 77;
        using Plane rgba = Plane.Random(4 * width, height, 9);
        Plane[] frame = YuvLayouts.RandomFrame(layout, width, height, 10);
        try
        {
            YuvLayouts.TwinFromRgba(layout, rgba, frame, width, height, m, range);
            int[] k = ReferenceKernels.ForwardCoefficients(m, range);
            int bits = layout == YuvLayout.P010 ? 10 : 8;
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    (int r, int g, int b) = Rgb(rgba, x, y);
                    Assert.Equal(ReferenceKernels.Luma(r, g, b, bits, k), ReadYuv(layout, frame, x, y).Y);
                }
            }

            bool subsampled = layout != YuvLayout.Yuv444P;
            int cw = subsampled ? (width + 1) / 2 : width, ch = subsampled ? (height + 1) / 2 : height;
            for (int cy = 0; cy < ch; cy++)
            {
                for (int cx = 0; cx < cw; cx++)
                {
                    int sr = 0, sg = 0, sb = 0, count = subsampled ? 4 : 1;
                    for (int j = 0; j < (subsampled ? 2 : 1); j++)
                    {
                        for (int i = 0; i < (subsampled ? 2 : 1); i++)
                        {
                            // Edge replication: a block past the last column/row reuses it.
                            int px = Math.Min((subsampled ? 2 * cx : cx) + i, width - 1), py = Math.Min((subsampled ? 2 * cy : cy) + j, height - 1);
                            (int r, int g, int b) = Rgb(rgba, px, py);
                            sr += r;
                            sg += g;
                            sb += b;
                        }
                    }

                    (_, int u, int v, _) = ReadYuv(layout, frame, subsampled ? 2 * cx : cx, subsampled ? 2 * cy : cy);
                    Assert.Equal(ReferenceKernels.Chroma(sr, sg, sb, count, bits, k, 3), u);
                    Assert.Equal(ReferenceKernels.Chroma(sr, sg, sb, count, bits, k, 6), v);
                }
            }
        }
        finally
        {
            YuvLayouts.Dispose(frame);
        }
    }

    private static (int R, int G, int B) Rgb(Plane rgba, int x, int y)
    {
        ReadOnlySpan<byte> px = rgba.Row(y).Slice(4 * x, 4);
        return (px[0], px[1], px[2]);
    }

    private static (int Y, int U, int V, int Bits) ReadYuv(YuvLayout layout, Plane[] f, int x, int y)
    {
        int cx = x / 2, cy = y / 2;
        return layout switch
        {
            YuvLayout.Yuv420P => (f[0].Row(y)[x], f[1].Row(cy)[cx], f[2].Row(cy)[cx], 8),
            YuvLayout.Nv12 => (f[0].Row(y)[x], f[1].Row(cy)[2 * cx], f[1].Row(cy)[(2 * cx) + 1], 8),
            YuvLayout.P010 => (Word(f[0], x, y) >> 6, Word(f[1], 2 * cx, cy) >> 6, Word(f[1], (2 * cx) + 1, cy) >> 6, 10),
            _ => (f[0].Row(y)[x], f[1].Row(y)[x], f[2].Row(y)[x], 8),
        };
    }

    private static int Word(Plane p, int index, int y) => p.Row(y)[2 * index] | (p.Row(y)[(2 * index) + 1] << 8);
}
