// Why: the fixed-point matrices and the per-sample formulas every CPU twin shares; the numbers and the
// rounding are those of native/kernels/ovni_color.h (the parity tests prove the two agree bit for bit).
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

    /// <summary>One YUV sample triple (8 + extraBits deep) to packed RGBA with alpha 255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint YuvToRgba(int y, int u, int v, in YuvToRgbCoefficients c, int extraBits)
    {
        int shift = Shift + extraBits;
        int yt = (y - (c.YOffset << extraBits)) * c.Cy + (1 << (shift - 1));
        int ut = u - (128 << extraBits);
        int vt = v - (128 << extraBits);
        int r = Math.Clamp((yt + c.Crv * vt) >> shift, 0, 255);
        int g = Math.Clamp((yt - c.Cgu * ut - c.Cgv * vt) >> shift, 0, 255);
        int b = Math.Clamp((yt + c.Cbu * ut) >> shift, 0, 255);
        return (uint)r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u;
    }

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
