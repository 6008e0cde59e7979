// Why: Lanczos-3's row format for the AVX2/128-bit horizontal pass: H + (H & ~0x7FFF) as an int (see WidePasses).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct LanczosLanes : ILaneFilter
{
    public static int Groups => 3;

    public static int OutputBytes => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector256<int> lo, Vector256<int> hi, byte* output)
    {
        Vector256<int> mask = Vector256.Create(~0x7FFF);
        lo += lo & mask;
        hi += hi & mask;
        // Lanes regrouped into block order: outputs 0..7 of the first block, then of the second.
        Avx2.Permute2x128(lo, hi, 0x20).Store((int*)output);
        Avx2.Permute2x128(lo, hi, 0x31).Store((int*)output + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(Vector128<int> lo, Vector128<int> hi, byte* output)
    {
        Vector128<int> mask = Vector128.Create(~0x7FFF);
        (lo + (lo & mask)).Store((int*)output);
        (hi + (hi & mask)).Store((int*)output + 4);
    }

    public static void Scalar(byte* source, void* row, int* offsets, int* weights, int first, int count) =>
        WidePasses.Scalar(source, (int*)row + first, offsets + (6 * first), weights + (6 * first), 6, count);
}
