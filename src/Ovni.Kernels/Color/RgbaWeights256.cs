// Why: the 13-bit weights and constants of ovni_yuv_to_rgba broadcast to 256-bit lanes once per row, not per block.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly struct RgbaWeights256
{
    public readonly Vector256<ushort> Y, Rv, Gu, Gv, Bu;
    public readonly Vector256<short> Kr, Kg, Kb;

    // Built once per row (pair): optimised from the first call, a short-lived process would otherwise run it at tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RgbaWeights256(in YuvToRgbCoefficients c)
    {
        Y = Vector256.Create((ushort)ColorMatrixTable.InverseWeight(c.Cy));
        Rv = Vector256.Create((ushort)ColorMatrixTable.InverseWeight(c.Crv));
        Gu = Vector256.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgu));
        Gv = Vector256.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgv));
        Bu = Vector256.Create((ushort)ColorMatrixTable.InverseWeight(c.Cbu));
        Kr = Vector256.Create((short)ColorMatrixTable.InverseConstantR(c));
        Kg = Vector256.Create((short)ColorMatrixTable.InverseConstantG(c));
        Kb = Vector256.Create((short)ColorMatrixTable.InverseConstantB(c));
    }
}
