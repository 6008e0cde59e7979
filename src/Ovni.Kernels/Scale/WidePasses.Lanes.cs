// Why: the Lanczos-3 vertical pass on AVX2 (32 outputs per step) and 128-bit vector units (16), from the same packed
// (high half, 15-bit low half) rows the AVX-512 and lane horizontal passes write; rows paired so that one multiply-add
// serves two rows' low halves and one their high halves, as on AVX-512.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class WidePasses
{
    /// <summary>One output row from the packed sums of its 6 source rows (AVX2, then 128-bit, then scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VerticalLanes(int** rows, ReadOnlySpan<int> w, byte* output, int length)
    {
        int* r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5];
        int p01 = Pair(w[0], w[1]), p23 = Pair(w[2], w[3]), p45 = Pair(w[4], w[5]);
        int i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<short> w01 = Vector256.Create(p01).AsInt16(), w23 = Vector256.Create(p23).AsInt16(), w45 = Vector256.Create(p45).AsInt16();
            Vector256<int> order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
            for (; i <= length - 32; i += 32)
            {
                Vector256<int> a = Lanes8(r0, r1, r2, r3, r4, r5, i, w01, w23, w45);
                Vector256<int> b = Lanes8(r0, r1, r2, r3, r4, r5, i + 8, w01, w23, w45);
                Vector256<int> c = Lanes8(r0, r1, r2, r3, r4, r5, i + 16, w01, w23, w45);
                Vector256<int> d = Lanes8(r0, r1, r2, r3, r4, r5, i + 24, w01, w23, w45);
                // The saturating packs clamp to 0..255 and interleave the lanes' groups of 4 outputs; vpermd undoes it.
                Vector256<byte> bytes = Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(a, b), Avx2.PackSignedSaturate(c, d));
                Avx2.PermuteVar8x32(bytes.AsInt32(), order).AsByte().Store(output + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<short> w01 = Vector128.Create(p01).AsInt16(), w23 = Vector128.Create(p23).AsInt16(), w45 = Vector128.Create(p45).AsInt16();
            for (; i <= length - 16; i += 16)
            {
                Vector128<int> a = Lanes4(r0, r1, r2, r3, r4, r5, i, w01, w23, w45);
                Vector128<int> b = Lanes4(r0, r1, r2, r3, r4, r5, i + 4, w01, w23, w45);
                Vector128<int> c = Lanes4(r0, r1, r2, r3, r4, r5, i + 8, w01, w23, w45);
                Vector128<int> d = Lanes4(r0, r1, r2, r3, r4, r5, i + 12, w01, w23, w45);
                Simd128.PackUnsignedSaturate(Simd128.PackSignedSaturate(a, b), Simd128.PackSignedSaturate(c, d)).Store(output + i);
            }
        }

        for (; i < length; i++)
        {
            int low = Round, high = 0;
            for (int t = 0; t < 6; t++)
            {
                int p = rows[t][i];
                low += w[t] * (p & 0x7FFF);
                high += w[t] * (p >> 16);
            }

            output[i] = (byte)Math.Clamp((high + (low >> 15)) >> 13, 0, 255);
        }
    }

    private static int Pair(int first, int second) => (second << 16) | (first & 0xFFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Lanes8(int* r0, int* r1, int* r2, int* r3, int* r4, int* r5, int i,
        Vector256<short> w01, Vector256<short> w23, Vector256<short> w45)
    {
        Vector256<int> low = Vector256.Create(Round), high = Vector256<int>.Zero;
        AddPair(Vector256.Load(r0 + i), Vector256.Load(r1 + i), w01, ref low, ref high);
        AddPair(Vector256.Load(r2 + i), Vector256.Load(r3 + i), w23, ref low, ref high);
        AddPair(Vector256.Load(r4 + i), Vector256.Load(r5 + i), w45, ref low, ref high);
        return Avx2.ShiftRightArithmetic(high + Avx2.ShiftRightArithmetic(low, 15), 13);
    }

    /// <summary>low += w0 * a.low + w1 * b.low and high += w0 * a.high + w1 * b.high per 32-bit lane (word blends, vpmaddwd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(Vector256<int> a, Vector256<int> b, Vector256<short> weights, ref Vector256<int> low, ref Vector256<int> high)
    {
        low += Avx2.MultiplyAddAdjacent(Avx2.Blend(a.AsInt16(), Avx2.ShiftLeftLogical(b, 16).AsInt16(), 0b1010_1010), weights);
        high += Avx2.MultiplyAddAdjacent(Avx2.Blend(Avx2.ShiftRightLogical(a, 16).AsInt16(), b.AsInt16(), 0b1010_1010), weights);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Lanes4(int* r0, int* r1, int* r2, int* r3, int* r4, int* r5, int i,
        Vector128<short> w01, Vector128<short> w23, Vector128<short> w45)
    {
        Vector128<int> low = Vector128.Create(Round), high = Vector128<int>.Zero;
        AddPair(Vector128.Load(r0 + i), Vector128.Load(r1 + i), w01, ref low, ref high);
        AddPair(Vector128.Load(r2 + i), Vector128.Load(r3 + i), w23, ref low, ref high);
        AddPair(Vector128.Load(r4 + i), Vector128.Load(r5 + i), w45, ref low, ref high);
        return Vector128.ShiftRightArithmetic(high + Vector128.ShiftRightArithmetic(low, 15), 13);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(Vector128<int> a, Vector128<int> b, Vector128<short> weights, ref Vector128<int> low, ref Vector128<int> high)
    {
        low += Simd128.MultiplyAddAdjacent(Simd128.BlendOddWords(a.AsInt16(), Vector128.ShiftLeft(b, 16).AsInt16()), weights);
        high += Simd128.MultiplyAddAdjacent(Simd128.BlendOddWords(Vector128.ShiftRightLogical(a, 16).AsInt16(), b.AsInt16()), weights);
    }
}
