// Why: both passes of the fused blur (PlaneBlur.Blur) do the same arithmetic on 16-bit rows, so one kernel serves
// both. A symmetric Gaussian needs only radius + 1 multiplies per sample once the two samples at the same distance are
// added (X_i = A_i + B_i fits 16 bits), and vpmaddwd multiplies two such values by two 16-bit weights and adds them
// into an exact 32-bit sum in one instruction: 4 multiply instructions per 16 samples for sigma 2 instead of 13.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// out[k] = clamp((8192 + Σ_i weights[i] * (a[i][k] + b[i][k])) &gt;&gt; 14, 0, 255) over an even number of values i;
/// the 32-bit sum wraps exactly as the scalar int sum does, so every path gives the same bytes. The rows a[i], b[i]
/// hold samples 0..255 and must be readable for <see cref="Padded"/>(length) samples; a null row reads as zeros
/// (a value with one sample has a null b[i]; padding to an even count has both null).
/// </summary>
internal static unsafe class WordConvolution
{
    /// <summary>Samples per vector block; rows are padded to a multiple of it.</summary>
    public const int Block = 64;

    /// <summary><paramref name="length"/> rounded up to whole blocks.</summary>
    public static int Padded(int length) => (length + Block - 1) & ~(Block - 1);

    /// <summary>True when the vector paths apply: each weight fits a signed 16-bit lane of vpmaddwd.</summary>
    public static bool FitsWords(ReadOnlySpan<int> weights)
    {
        foreach (int w in weights)
        {
            if (w is < short.MinValue or > short.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rounded results as 16-bit samples (writes <see cref="Padded"/>(length) of them).</summary>
    /// <param name="a">First row of each value.</param>
    /// <param name="b">Second row of each value (null where a value has one sample).</param>
    /// <param name="weights">One weight per value.</param>
    /// <param name="pairs">Weights of values 2m and 2m + 1 as the low and high 16 bits of pairs[m] (when <paramref name="vector"/>).</param>
    /// <param name="values">Number of values (even).</param>
    /// <param name="output">Destination row, <see cref="Padded"/>(length) samples.</param>
    /// <param name="length">Samples to produce.</param>
    /// <param name="vector">Whether the weights fit 16 bits (<see cref="FitsWords"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToWords(ushort** a, ushort** b, int* weights, int* pairs, int values, ushort* output, int length, bool vector)
    {
        int end = Padded(length), pairCount = values / 2;
        nint k = 0;
        if (vector && Avx512BW.IsSupported)
        {
            Vector512<short> max = Vector512.Create((short)255);
            for (; k < end; k += 64)
            {
                Block64(a, b, pairs, pairCount, k, out Vector512<short> first, out Vector512<short> second);
                Vector512.Min(Vector512.Max(first, Vector512<short>.Zero), max).AsUInt16().Store(output + k);
                Vector512.Min(Vector512.Max(second, Vector512<short>.Zero), max).AsUInt16().Store(output + k + 32);
            }
        }
        else if (vector && Avx2.IsSupported)
        {
            Vector256<short> max = Vector256.Create((short)255);
            for (; k < end; k += 32)
            {
                Block32(a, b, pairs, pairCount, k, out Vector256<short> first, out Vector256<short> second);
                Vector256.Min(Vector256.Max(first, Vector256<short>.Zero), max).AsUInt16().Store(output + k);
                Vector256.Min(Vector256.Max(second, Vector256<short>.Zero), max).AsUInt16().Store(output + k + 16);
            }
        }
        else if (vector && Vector128.IsHardwareAccelerated)
        {
            Vector128<short> max = Vector128.Create((short)255);
            for (; k < end; k += 16)
            {
                Block16(a, b, pairs, pairCount, k, out Vector128<short> first, out Vector128<short> second);
                Vector128.Min(Vector128.Max(first, Vector128<short>.Zero), max).AsUInt16().Store(output + k);
                Vector128.Min(Vector128.Max(second, Vector128<short>.Zero), max).AsUInt16().Store(output + k + 8);
            }
        }

        for (; k < end; k++)
        {
            output[k] = (ushort)Sample(a, b, weights, values, k);
        }
    }

    /// <summary>Rounded results as bytes (writes exactly <paramref name="length"/> of them).</summary>
    /// <param name="a">First row of each value.</param>
    /// <param name="b">Second row of each value (null where a value has one sample).</param>
    /// <param name="weights">One weight per value.</param>
    /// <param name="pairs">Weights of values 2m and 2m + 1 as the low and high 16 bits of pairs[m] (when <paramref name="vector"/>).</param>
    /// <param name="values">Number of values (even).</param>
    /// <param name="output">Destination row.</param>
    /// <param name="length">Samples to produce.</param>
    /// <param name="vector">Whether the weights fit 16 bits (<see cref="FitsWords"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToBytes(ushort** a, ushort** b, int* weights, int* pairs, int values, byte* output, int length, bool vector)
    {
        int pairCount = values / 2;
        nint k = 0;
        if (vector && Avx512BW.IsSupported)
        {
            Vector512<short> first, second;
            for (; k <= length - 64; k += 64)
            {
                Block64(a, b, pairs, pairCount, k, out first, out second);
                Store64(output + k, first, second);
            }

            if (k < length)
            {
                byte* last = stackalloc byte[64];
                Block64(a, b, pairs, pairCount, k, out first, out second);
                Store64(last, first, second);
                new ReadOnlySpan<byte>(last, (int)(length - k)).CopyTo(new Span<byte>(output + k, (int)(length - k)));
                return;
            }
        }
        else if (vector && Avx2.IsSupported)
        {
            Vector256<short> first, second;
            for (; k <= length - 32; k += 32)
            {
                Block32(a, b, pairs, pairCount, k, out first, out second);
                Store32(output + k, first, second);
            }

            if (k < length)
            {
                // The rows are padded to whole blocks: compute the last block in full, keep what fits the row.
                byte* last = stackalloc byte[32];
                Block32(a, b, pairs, pairCount, k, out first, out second);
                Store32(last, first, second);
                new ReadOnlySpan<byte>(last, (int)(length - k)).CopyTo(new Span<byte>(output + k, (int)(length - k)));
                return;
            }
        }
        else if (vector && Vector128.IsHardwareAccelerated)
        {
            Vector128<short> first, second;
            for (; k <= length - 16; k += 16)
            {
                Block16(a, b, pairs, pairCount, k, out first, out second);
                Simd128.PackUnsignedSaturate(first, second).Store(output + k);
            }

            if (k < length)
            {
                byte* last = stackalloc byte[16];
                Block16(a, b, pairs, pairCount, k, out first, out second);
                Simd128.PackUnsignedSaturate(first, second).Store(last);
                new ReadOnlySpan<byte>(last, (int)(length - k)).CopyTo(new Span<byte>(output + k, (int)(length - k)));
                return;
            }
        }

        for (; k < length; k++)
        {
            output[k] = (byte)Sample(a, b, weights, values, k);
        }
    }

    /// <summary>Scalar twin of the blocks: the reference arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sample(ushort** a, ushort** b, int* weights, int values, nint k)
    {
        int acc = 8192;
        for (int i = 0; i < values; i++)
        {
            acc += weights[i] * ((a[i] == null ? 0 : a[i][k]) + (b[i] == null ? 0 : b[i][k]));
        }

        return Math.Clamp(acc >> 14, 0, 255);
    }

    /// <summary>512-bit twin of <see cref="Block32"/> for samples k..k+63 (same lane bookkeeping per 128-bit lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block64(ushort** a, ushort** b, int* pairs, int pairCount, nint k, out Vector512<short> first, out Vector512<short> second)
    {
        Vector512<int> lo0 = Vector512.Create(8192), hi0 = lo0, lo1 = lo0, hi1 = lo0;
        for (int m = 0; m < pairCount; m++)
        {
            short* a0 = (short*)a[2 * m], b0 = (short*)b[2 * m], a1 = (short*)a[(2 * m) + 1], b1 = (short*)b[(2 * m) + 1];
            Vector512<short> w = Vector512.Create(pairs[m]).AsInt16();
            Vector512<short> x0 = Vector512.Load(a0 + k), x1 = Vector512<short>.Zero, y0 = Vector512.Load(a0 + k + 32), y1 = x1;
            if (b0 != null)
            {
                x0 += Vector512.Load(b0 + k);
                y0 += Vector512.Load(b0 + k + 32);
            }

            if (a1 != null)
            {
                x1 = Vector512.Load(a1 + k);
                y1 = Vector512.Load(a1 + k + 32);
                if (b1 != null)
                {
                    x1 += Vector512.Load(b1 + k);
                    y1 += Vector512.Load(b1 + k + 32);
                }
            }

            lo0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(x0, x1), w);
            hi0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(x0, x1), w);
            lo1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(y0, y1), w);
            hi1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(y0, y1), w);
        }

        first = Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(lo0, 14), Avx512F.ShiftRightArithmetic(hi0, 14));
        second = Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(lo1, 14), Avx512F.ShiftRightArithmetic(hi1, 14));
    }

    /// <summary>
    /// Samples k..k+31 as (sum &gt;&gt; 14) saturated to 16 bits, in order: unpacklo/hi put samples 0-3 | 8-11 and
    /// 4-7 | 12-15 of each half into separate sums, and packssdw, which works per 128-bit lane, puts them back in
    /// order. Two halves per pass over the values share the row pointers and the weight broadcast (the loads, not the
    /// arithmetic, limit this loop). A null b[i] means value i has one sample; a null a[i] means value i is zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block32(ushort** a, ushort** b, int* pairs, int pairCount, nint k, out Vector256<short> first, out Vector256<short> second)
    {
        Vector256<int> lo0 = Vector256.Create(8192), hi0 = lo0, lo1 = lo0, hi1 = lo0;
        for (int m = 0; m < pairCount; m++)
        {
            short* a0 = (short*)a[2 * m], b0 = (short*)b[2 * m], a1 = (short*)a[(2 * m) + 1], b1 = (short*)b[(2 * m) + 1];
            Vector256<short> w = Vector256.Create(pairs[m]).AsInt16();
            Vector256<short> x0 = Vector256.Load(a0 + k), x1 = Vector256<short>.Zero, y0 = Vector256.Load(a0 + k + 16), y1 = x1;
            if (b0 != null)
            {
                x0 += Vector256.Load(b0 + k);
                y0 += Vector256.Load(b0 + k + 16);
            }

            if (a1 != null)
            {
                x1 = Vector256.Load(a1 + k);
                y1 = Vector256.Load(a1 + k + 16);
                if (b1 != null)
                {
                    x1 += Vector256.Load(b1 + k);
                    y1 += Vector256.Load(b1 + k + 16);
                }
            }

            lo0 += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(x0, x1), w);
            hi0 += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(x0, x1), w);
            lo1 += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(y0, y1), w);
            hi1 += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(y0, y1), w);
        }

        first = Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo0, 14), Avx2.ShiftRightArithmetic(hi0, 14));
        second = Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo1, 14), Avx2.ShiftRightArithmetic(hi1, 14));
    }

    /// <summary>128-bit twin of <see cref="Block32"/> for samples k..k+15 (already in order; cross-platform, NEON included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block16(ushort** a, ushort** b, int* pairs, int pairCount, nint k, out Vector128<short> first, out Vector128<short> second)
    {
        Vector128<int> lo0 = Vector128.Create(8192), hi0 = lo0, lo1 = lo0, hi1 = lo0;
        for (int m = 0; m < pairCount; m++)
        {
            short* a0 = (short*)a[2 * m], b0 = (short*)b[2 * m], a1 = (short*)a[(2 * m) + 1], b1 = (short*)b[(2 * m) + 1];
            Vector128<short> w = Vector128.Create(pairs[m]).AsInt16();
            Vector128<short> x0 = Vector128.Load(a0 + k), x1 = Vector128<short>.Zero, y0 = Vector128.Load(a0 + k + 8), y1 = x1;
            if (b0 != null)
            {
                x0 += Vector128.Load(b0 + k);
                y0 += Vector128.Load(b0 + k + 8);
            }

            if (a1 != null)
            {
                x1 = Vector128.Load(a1 + k);
                y1 = Vector128.Load(a1 + k + 8);
                if (b1 != null)
                {
                    x1 += Vector128.Load(b1 + k);
                    y1 += Vector128.Load(b1 + k + 8);
                }
            }

            lo0 += Simd128.MultiplyAddAdjacent(Simd128.InterleaveLow(x0, x1), w);
            hi0 += Simd128.MultiplyAddAdjacent(Simd128.InterleaveHigh(x0, x1), w);
            lo1 += Simd128.MultiplyAddAdjacent(Simd128.InterleaveLow(y0, y1), w);
            hi1 += Simd128.MultiplyAddAdjacent(Simd128.InterleaveHigh(y0, y1), w);
        }

        first = Simd128.PackSignedSaturate(Vector128.ShiftRightArithmetic(lo0, 14), Vector128.ShiftRightArithmetic(hi0, 14));
        second = Simd128.PackSignedSaturate(Vector128.ShiftRightArithmetic(lo1, 14), Vector128.ShiftRightArithmetic(hi1, 14));
    }

    /// <summary>Clamps two in-order 32-sample blocks to bytes and stores them: packuswb interleaves the 128-bit lanes, vpermq undoes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store64(byte* output, Vector512<short> first, Vector512<short> second)
    {
        Vector512<byte> bytes = Avx512BW.PackUnsignedSaturate(first, second);
        Avx512F.PermuteVar8x64(bytes.AsUInt64(), Vector512.Create(0UL, 2, 4, 6, 1, 3, 5, 7)).AsByte().Store(output);
    }

    /// <summary>Clamps two in-order 16-sample blocks to bytes and stores them: packuswb interleaves the 128-bit lanes, vpermq undoes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store32(byte* output, Vector256<short> first, Vector256<short> second)
    {
        Vector256<byte> bytes = Avx2.PackUnsignedSaturate(first, second);
        Avx2.Permute4x64(bytes.AsUInt64(), 0b11_01_10_00).AsByte().Store(output);
    }
}
