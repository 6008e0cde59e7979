// Why: the Lanczos-3 vertical pass on AVX2 (32 outputs per step) and 128-bit vector units (16), from the two 16-bit
// planes per row the lane horizontal pass writes (LanczosLanes: H & 0x7FFF and H >> 15). Rows are paired: one unpack
// of two rows' words and one multiply-add with (w[j], w[j+1]) per limb, so a pair of rows costs 2 unpacks and 2
// multiply-adds per 8 outputs and limb; the exact result is recombined as on AVX-512 (see WidePasses).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class WidePasses
{
    /// <summary>
    /// One output row from the split sums of its 6 source rows: <paramref name="rows"/> point at the low planes, the high
    /// planes lie <paramref name="second"/> bytes after them (AVX2, then 128-bit, then scalar).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VerticalLanes(short** rows, nint second, ReadOnlySpan<int> w, byte* output, int length)
    {
        short* r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5];
        int p01 = Pair(w[0], w[1]), p23 = Pair(w[2], w[3]), p45 = Pair(w[4], w[5]);
        nint up = second / sizeof(short);
        int i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<short> w01 = Vector256.Create(p01).AsInt16(), w23 = Vector256.Create(p23).AsInt16(), w45 = Vector256.Create(p45).AsInt16();
            for (; i <= length - 32; i += 32)
            {
                Vector256<short> a = Words16(r0 + i, r1 + i, r2 + i, r3 + i, r4 + i, r5 + i, up, w01, w23, w45);
                Vector256<short> b = Words16(r0 + i + 16, r1 + i + 16, r2 + i + 16, r3 + i + 16, r4 + i + 16, r5 + i + 16, up, w01, w23, w45);
                // packuswb clamps to 0..255 and interleaves the lanes' quadwords; vpermq puts them back in order.
                Avx2.Permute4x64(Avx2.PackUnsignedSaturate(a, b).AsInt64(), 0b11_01_10_00).AsByte().Store(output + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<short> w01 = Vector128.Create(p01).AsInt16(), w23 = Vector128.Create(p23).AsInt16(), w45 = Vector128.Create(p45).AsInt16();
            for (; i <= length - 16; i += 16)
            {
                Vector128<short> a = Words8(r0 + i, r1 + i, r2 + i, r3 + i, r4 + i, r5 + i, up, w01, w23, w45);
                Vector128<short> b = Words8(r0 + i + 8, r1 + i + 8, r2 + i + 8, r3 + i + 8, r4 + i + 8, r5 + i + 8, up, w01, w23, w45);
                Simd128.PackUnsignedSaturate(a, b).Store(output + i);
            }
        }

        for (; i < length; i++)
        {
            int low = Round, high = 0;
            for (int t = 0; t < 6; t++)
            {
                low += w[t] * rows[t][i];
                high += w[t] * rows[t][i + up];
            }

            output[i] = (byte)Math.Clamp((high + (low >> 15)) >> 13, 0, 255);
        }
    }

    private static int Pair(int first, int second) => (second << 16) | (first & 0xFFFF);

    /// <summary>16 outputs in order as words (|value| &lt; 2^15 before the clamp): unpacks split each lane, packssdw restores it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Words16(short* r0, short* r1, short* r2, short* r3, short* r4, short* r5, nint up,
        Vector256<short> w01, Vector256<short> w23, Vector256<short> w45)
    {
        Vector256<int> round = Vector256.Create(Round);
        Vector256<int> low0 = round, low1 = round, high0 = Vector256<int>.Zero, high1 = Vector256<int>.Zero;
        AddPair(r0, r1, w01, ref low0, ref low1);
        AddPair(r2, r3, w23, ref low0, ref low1);
        AddPair(r4, r5, w45, ref low0, ref low1);
        AddPair(r0 + up, r1 + up, w01, ref high0, ref high1);
        AddPair(r2 + up, r3 + up, w23, ref high0, ref high1);
        AddPair(r4 + up, r5 + up, w45, ref high0, ref high1);
        return Avx2.PackSignedSaturate(
            Avx2.ShiftRightArithmetic(high0 + Avx2.ShiftRightArithmetic(low0, 15), 13),
            Avx2.ShiftRightArithmetic(high1 + Avx2.ShiftRightArithmetic(low1, 15), 13));
    }

    /// <summary>sum0/sum1 += w0 * a + w1 * b for the columns of the low/high unpack halves of each lane (vpmaddwd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(short* first, short* second, Vector256<short> weights, ref Vector256<int> sum0, ref Vector256<int> sum1)
    {
        Vector256<short> a = Vector256.Load(first), b = Vector256.Load(second);
        sum0 += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, b), weights);
        sum1 += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, b), weights);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Words8(short* r0, short* r1, short* r2, short* r3, short* r4, short* r5, nint up,
        Vector128<short> w01, Vector128<short> w23, Vector128<short> w45)
    {
        Vector128<int> round = Vector128.Create(Round);
        Vector128<int> low0 = round, low1 = round, high0 = Vector128<int>.Zero, high1 = Vector128<int>.Zero;
        AddPair(r0, r1, w01, ref low0, ref low1);
        AddPair(r2, r3, w23, ref low0, ref low1);
        AddPair(r4, r5, w45, ref low0, ref low1);
        AddPair(r0 + up, r1 + up, w01, ref high0, ref high1);
        AddPair(r2 + up, r3 + up, w23, ref high0, ref high1);
        AddPair(r4 + up, r5 + up, w45, ref high0, ref high1);
        return Simd128.PackSignedSaturate(
            Vector128.ShiftRightArithmetic(high0 + Vector128.ShiftRightArithmetic(low0, 15), 13),
            Vector128.ShiftRightArithmetic(high1 + Vector128.ShiftRightArithmetic(low1, 15), 13));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(short* first, short* second, Vector128<short> weights, ref Vector128<int> sum0, ref Vector128<int> sum1)
    {
        Vector128<short> a = Vector128.Load(first), b = Vector128.Load(second);
        sum0 += Simd128.MultiplyAddAdjacent(Simd128.InterleaveLow(a, b), weights);
        sum1 += Simd128.MultiplyAddAdjacent(Simd128.InterleaveHigh(a, b), weights);
    }
}
