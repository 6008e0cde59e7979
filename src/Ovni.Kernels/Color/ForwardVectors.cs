// Why: the RGB -> YUV formulas of ColorMatrixTable in Vector256<int> lanes, with constants broadcast once per row.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly struct ForwardVectors
{
    public readonly Vector256<int> Yr, Yg, Yb, Ur, Ug, Ub, Vr, Vg, Vb, Byte;
    private readonly Vector256<int> _lumaBias, _peak;
    private readonly int _extraBits;

    public ForwardVectors(in RgbToYuvCoefficients c, int extraBits)
    {
        Yr = Vector256.Create(c.Yr);
        Yg = Vector256.Create(c.Yg);
        Yb = Vector256.Create(c.Yb);
        Ur = Vector256.Create(c.Ur);
        Ug = Vector256.Create(c.Ug);
        Ub = Vector256.Create(c.Ub);
        Vr = Vector256.Create(c.Vr);
        Vg = Vector256.Create(c.Vg);
        Vb = Vector256.Create(c.Vb);
        Byte = Vector256.Create(255);
        _extraBits = extraBits;
        _lumaBias = Vector256.Create((c.YOffset << (ColorMatrixTable.Shift + extraBits)) + (1 << (ColorMatrixTable.Shift - 1)));
        _peak = Vector256.Create((256 << extraBits) - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Luma(Vector256<int> r, Vector256<int> g, Vector256<int> b)
    {
        Vector256<int> acc = Vector256.ShiftLeft((Yr * r) + (Yg * g) + (Yb * b), _extraBits);
        return VectorLoads.Clamp(Vector256.ShiftRightArithmetic(acc + _lumaBias, ColorMatrixTable.Shift), _peak);
    }

    /// <summary>Chroma of the average of 2^sumBits pixels from their R, G, B sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Chroma(Vector256<int> sr, Vector256<int> sg, Vector256<int> sb,
        Vector256<int> cr, Vector256<int> cg, Vector256<int> cb, int sumBits)
    {
        int shift = ColorMatrixTable.Shift + sumBits - _extraBits;
        Vector256<int> bias = Vector256.Create(((128 << _extraBits) << shift) + (1 << (shift - 1)));
        Vector256<int> acc = (cr * sr) + (cg * sg) + (cb * sb) + bias;
        return VectorLoads.Clamp(Vector256.ShiftRightArithmetic(acc, shift), _peak);
    }
}
