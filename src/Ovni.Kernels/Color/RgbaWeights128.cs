// Why: the 13-bit weights and constants of ovni_yuv_to_rgba broadcast to 128-bit lanes once per row, not per block.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly struct RgbaWeights128
{
    public readonly Vector128<ushort> Y, Rv, Gu, Gv, Bu;
    public readonly Vector128<short> Kr, Kg, Kb;

    // Built once per row (pair): optimised from the first call, a short-lived process would otherwise run it at tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RgbaWeights128(in YuvToRgbCoefficients c)
    {
        Y = Vector128.Create((ushort)ColorMatrixTable.InverseWeight(c.Cy));
        Rv = Vector128.Create((ushort)ColorMatrixTable.InverseWeight(c.Crv));
        Gu = Vector128.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgu));
        Gv = Vector128.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgv));
        Bu = Vector128.Create((ushort)ColorMatrixTable.InverseWeight(c.Cbu));
        Kr = Vector128.Create((short)ColorMatrixTable.InverseConstantR(c));
        Kg = Vector128.Create((short)ColorMatrixTable.InverseConstantG(c));
        Kb = Vector128.Create((short)ColorMatrixTable.InverseConstantB(c));
    }
}
