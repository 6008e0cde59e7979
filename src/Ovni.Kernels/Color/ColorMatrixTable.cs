// Why: the fixed-point matrices and the per-sample formulas every CPU twin shares; the numbers and the
// rounding are those of native/kernels/ovni_color.h (the parity tests prove the two agree bit for bit).
// The forward matrix rounds in 16 fraction bits; the inverse forms its sums in 1/32 code values so that the
// SIMD twin computes them in 16-bit lanes (within one code value of the real-number formula).
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
        int a = InverseLumaTerm(y, c, extraBits);
        int ut = u - (128 << extraBits);
        int vt = v - (128 << extraBits);
        int r = Math.Clamp((a + InverseChromaTerm(c.Crv * vt, c, extraBits)) >> InverseFractionBits, 0, 255);
        int g = Math.Clamp((a + InverseChromaTerm((-c.Cgu * ut) - (c.Cgv * vt), c, extraBits)) >> InverseFractionBits, 0, 255);
        int b = Math.Clamp((a + InverseChromaTerm(c.Cbu * ut, c, extraBits)) >> InverseFractionBits, 0, 255);
        return (uint)r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u;
    }

    /// <summary>cy in the 2^13 scale the 16-bit luma term multiplies by (cy / 8, rounded).</summary>
    public static int InverseLumaWeight(in YuvToRgbCoefficients c) => (c.Cy + 4) >> 3;

    /// <summary>Luma term of the YUV -> RGB sum in 1/32 code values: (y in the top bits of 16) * cy / 2^16, floored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InverseLumaTerm(int y, in YuvToRgbCoefficients c, int extraBits) =>
        ((y << (8 - extraBits)) * InverseLumaWeight(c)) >> 16;

    /// <summary>
    /// Chroma term of the YUV -> RGB sum in 1/32 code values from the chroma products (coefficients x centred
    /// samples, 2^16 scale), carrying the luma offset and the rounding half; floored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int InverseChromaTerm(int products, in YuvToRgbCoefficients c, int extraBits) =>
        (products + InverseChromaBias(c, extraBits)) >> (Shift - InverseFractionBits + extraBits);

    /// <summary>The constant part of <see cref="InverseChromaTerm"/>: rounding half less the luma offset times cy.</summary>
    public static int InverseChromaBias(in YuvToRgbCoefficients c, int extraBits) =>
        (1 << (Shift - 1 + extraBits)) - ((c.YOffset << extraBits) * c.Cy);

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
