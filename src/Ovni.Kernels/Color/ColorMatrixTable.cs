// Why: the fixed-point matrices and the per-sample formulas every CPU twin shares; the numbers and the
// rounding are those of native/kernels/ovni_color.h (the parity tests prove the two agree bit for bit).
// The forward matrix rounds in 16 fraction bits; the inverse forms its sums in 1/32 code values from 16-bit
// multiply-highs so that the SIMD twin computes them in 16-bit lanes (within one code value of the real formula).
// Constants are round(coefficient * 65536); forward rows are adjusted so white -> peak luma and
// grey -> chroma 128 exactly. A test recomputes them from Kr/Kb.
using System.Runtime.CompilerServices;

namespace Ovni.Kernels;

internal static class ColorMatrixTable
{
    public const int Shift = 16;

    public static RgbToYuvCoefficients Forward(ColorMatrix matrix, YuvRange range) => (range, matrix) switch
    {
        (YuvRange.Full, ColorMatrix.Bt709) => new(13933, 46871, 4732, -7509, -25259, 32768, 32768, -29763, -3005, 0),
        (YuvRange.Full, ColorMatrix.Bt2020) => new(17216, 44434, 3886, -9151, -23617, 32768, 32768, -30133, -2635, 0),
        (YuvRange.Full, _) => new(19595, 38470, 7471, -11058, -21710, 32768, 32768, -27439, -5329, 0),
        (_, ColorMatrix.Bt709) => new(11966, 40254, 4064, -6596, -22188, 28784, 28784, -26145, -2639, 16),
        (_, ColorMatrix.Bt2020) => new(14786, 38160, 3338, -8038, -20746, 28784, 28784, -26469, -2315, 16),
        _ => new(16829, 33039, 6416, -9714, -19070, 28784, 28784, -24103, -4681, 16),
    };

    public static YuvToRgbCoefficients Inverse(ColorMatrix matrix, YuvRange range) => (range, matrix) switch
    {
        (YuvRange.Full, ColorMatrix.Bt709) => new(65536, 103206, 12276, 30679, 121609, 0),
        (YuvRange.Full, ColorMatrix.Bt2020) => new(65536, 96639, 10784, 37444, 123299, 0),
        (YuvRange.Full, _) => new(65536, 91881, 22553, 46802, 116130, 0),
        (_, ColorMatrix.Bt709) => new(76309, 117489, 13975, 34925, 138438, 16),
        (_, ColorMatrix.Bt2020) => new(76309, 110014, 12277, 42626, 140363, 16),
        _ => new(76309, 104597, 25675, 53279, 132201, 16),
    };

    /// <summary>log2 of the sub-code-value steps the YUV -> RGB sums are formed in (see ovni_yuv_to_rgba).</summary>
    public const int InverseFractionBits = 5;

    /// <summary>One YUV sample triple (8 + extraBits deep) to packed RGBA with alpha 255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint YuvToRgba(int y, int u, int v, in YuvToRgbCoefficients c, int extraBits)
    {
        int a = InverseTerm(y, c.Cy, extraBits);
        int r = a + InverseConstantR(c) + InverseTerm(v, c.Crv, extraBits);
        int g = a + InverseConstantG(c) - InverseTerm(u, c.Cgu, extraBits) - InverseTerm(v, c.Cgv, extraBits);
        int b = a + InverseConstantB(c) + InverseTerm(u, c.Cbu, extraBits);
        return (uint)Math.Clamp(r >> InverseFractionBits, 0, 255) | ((uint)Math.Clamp(g >> InverseFractionBits, 0, 255) << 8) |
            ((uint)Math.Clamp(b >> InverseFractionBits, 0, 255) << 16) | 0xFF000000u;
    }

    /// <summary>A coefficient in the 2^13 scale the 16-bit terms multiply by (coefficient / 8, rounded).</summary>
    public static int InverseWeight(int coefficient) => (coefficient + 4) >> 3;

    /// <summary>One term of the YUV -> RGB sum in 1/32 code values: (sample at 16-bit scale) * weight / 2^16, floored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InverseTerm(int sample, int coefficient, int extraBits) =>
        ((sample << (8 - extraBits)) * InverseWeight(coefficient)) >> 16;

    /// <summary>Constant of the R sum: rounding half, luma offset and chroma centring, in 1/32 code values.</summary>
    public static int InverseConstantR(in YuvToRgbCoefficients c) => (InverseBase(c) - (128 * c.Crv)) >> (Shift - InverseFractionBits);

    /// <summary>Constant of the G sum.</summary>
    public static int InverseConstantG(in YuvToRgbCoefficients c) => (InverseBase(c) + (128 * (c.Cgu + c.Cgv))) >> (Shift - InverseFractionBits);

    /// <summary>Constant of the B sum.</summary>
    public static int InverseConstantB(in YuvToRgbCoefficients c) => (InverseBase(c) - (128 * c.Cbu)) >> (Shift - InverseFractionBits);

    private static int InverseBase(in YuvToRgbCoefficients c) => (1 << (Shift - 1)) - (c.YOffset * c.Cy);

    /// <summary>Luma of one pixel, 8 + extraBits deep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Luma(int r, int g, int b, in RgbToYuvCoefficients c, int extraBits)
    {
        int acc = (c.Yr * r + c.Yg * g + c.Yb * b) << extraBits;
        return Math.Clamp((acc + (c.YOffset << (Shift + extraBits)) + (1 << (Shift - 1))) >> Shift, 0, (256 << extraBits) - 1);
    }

    /// <summary>Chroma of the average of 2^sumBits pixels given their R, G, B sums, 8 + extraBits deep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Chroma(int sr, int sg, int sb, int cr, int cg, int cb, int sumBits, int extraBits)
    {
        int acc = cr * sr + cg * sg + cb * sb;
        int shift = Shift + sumBits - extraBits;
        return Math.Clamp((acc + ((128 << extraBits) << shift) + (1 << (shift - 1))) >> shift, 0, (256 << extraBits) - 1);
    }
}
