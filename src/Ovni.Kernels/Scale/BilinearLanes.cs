// Why: bilinear's row format for the AVX2/128-bit horizontal pass: H - 32768 as a short (H <= 65280).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct BilinearLanes : ILaneFilter
{
    public static int Groups => 1;

    public static int OutputBytes => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector256<int> lo, Vector256<int> hi, byte* output, nint second)
    {
        // packssdw works per lane: outputs 0..7 of the first block, then of the second; no saturation occurs.
        Vector256<int> bias = Vector256.Create(-32768);
        Avx2.PackSignedSaturate(lo + bias, hi + bias).Store((short*)output);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(Vector128<int> lo, Vector128<int> hi, byte* output, nint second)
    {
        Vector128<int> bias = Vector128.Create(-32768);
        Simd128.PackSignedSaturate(lo + bias, hi + bias).Store((short*)output);
    }

    public static void Scalar(byte* source, void* row, nint second, int* offsets, int* weights, int first, int count) =>
        BilinearPasses.Scalar(source, (short*)row + first, offsets + (2 * first), weights + (2 * first), count);
}
