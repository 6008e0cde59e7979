// Why: the RGB -> YUV formulas of ColorMatrixTable in Vector128<int> lanes (128-bit units: ARM NEON, x86 without AVX2),
// with constants broadcast once per row; the twin of ForwardVectors128.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly struct ForwardVectors128
{
    public readonly Vector128<int> Yr, Yg, Yb, Ur, Ug, Ub, Vr, Vg, Vb, Byte;
    private readonly Vector128<int> _lumaBias, _peak;
    private readonly int _extraBits;

    public ForwardVectors128(in RgbToYuvCoefficients c, int extraBits)
    {
        Yr = Vector128.Create(c.Yr);
        Yg = Vector128.Create(c.Yg);
        Yb = Vector128.Create(c.Yb);
        Ur = Vector128.Create(c.Ur);
        Ug = Vector128.Create(c.Ug);
        Ub = Vector128.Create(c.Ub);
        Vr = Vector128.Create(c.Vr);
        Vg = Vector128.Create(c.Vg);
        Vb = Vector128.Create(c.Vb);
        Byte = Vector128.Create(255);
        _extraBits = extraBits;
        _lumaBias = Vector128.Create((c.YOffset << (ColorMatrixTable.Shift + extraBits)) + (1 << (ColorMatrixTable.Shift - 1)));
        _peak = Vector128.Create((256 << extraBits) - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Luma(Vector128<int> r, Vector128<int> g, Vector128<int> b)
    {
        Vector128<int> acc = Vector128.ShiftLeft((Yr * r) + (Yg * g) + (Yb * b), _extraBits);
        return Clamp(Vector128.ShiftRightArithmetic(acc + _lumaBias, ColorMatrixTable.Shift), _peak);
    }

    /// <summary>Chroma of the average of 2^sumBits pixels from their R, G, B sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Chroma(Vector128<int> sr, Vector128<int> sg, Vector128<int> sb,
        Vector128<int> cr, Vector128<int> cg, Vector128<int> cb, int sumBits)
    {
        int shift = ColorMatrixTable.Shift + sumBits - _extraBits;
        Vector128<int> bias = Vector128.Create(((128 << _extraBits) << shift) + (1 << (shift - 1)));
        Vector128<int> acc = (cr * sr) + (cg * sg) + (cb * sb) + bias;
        return Clamp(Vector128.ShiftRightArithmetic(acc, shift), _peak);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Clamp(Vector128<int> v, Vector128<int> max) => Vector128.Min(Vector128.Max(v, Vector128<int>.Zero), max);
}
