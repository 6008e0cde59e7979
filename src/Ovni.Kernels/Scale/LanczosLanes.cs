// Why: Lanczos-3's row format for the AVX2/128-bit horizontal pass: each exact sum H split into two 16-bit planes,
// the low 15 bits (H & 0x7FFF) and the rest (H >> 15). Two planes of words, unlike the AVX-512 pass's packed int, let
// the vertical pass pair two rows with one unpack per limb (WidePasses.VerticalLanes) instead of a shift and a blend.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct LanczosLanes : ILaneFilter
{
    public static int Groups => 3;

    public static int OutputBytes => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector256<int> lo, Vector256<int> hi, byte* output, nint second)
    {
        // packssdw works per lane: outputs 0..7 of the first block, then of the second. |H| < 2^24, so H >> 15 and the
        // 15-bit low parts fit words without saturating.
        Vector256<int> mask = Vector256.Create(0x7FFF);
        Avx2.PackSignedSaturate(lo & mask, hi & mask).Store((short*)output);
        Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo, 15), Avx2.ShiftRightArithmetic(hi, 15)).Store((short*)(output + second));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(Vector128<int> lo, Vector128<int> hi, byte* output, nint second)
    {
        Vector128<int> mask = Vector128.Create(0x7FFF);
        Simd128.PackSignedSaturate(lo & mask, hi & mask).Store((short*)output);
        Simd128.PackSignedSaturate(Vector128.ShiftRightArithmetic(lo, 15), Vector128.ShiftRightArithmetic(hi, 15)).Store((short*)(output + second));
    }

    public static void Scalar(byte* source, void* row, nint second, int* offsets, int* weights, int first, int count)
    {
        short* low = (short*)row + first, high = (short*)((byte*)row + second) + first;
        offsets += 6 * first;
        weights += 6 * first;
        for (int i = 0; i < count; i++, offsets += 6, weights += 6)
        {
            int h = 0;
            for (int t = 0; t < 6; t++)
            {
                h += weights[t] * source[offsets[t]];
            }

            low[i] = (short)(h & 0x7FFF);
            high[i] = (short)(h >> 15);
        }
    }
}
