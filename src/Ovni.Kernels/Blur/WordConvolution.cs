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
/// hold samples 0..255 (or 0 for a padding row) and must be readable for <see cref="Padded"/>(length) samples.
/// </summary>
internal static unsafe class WordConvolution
{
    /// <summary>Samples per vector block; rows are padded to a multiple of it.</summary>
    public const int Block = 32;

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
    /// <param name="b">Second row of each value (a zero row where a value has one sample).</param>
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
        if (vector && Avx2.IsSupported)
        {
            Vector256<short> max = Vector256.Create((short)255);
            for (; k < end; k += 16)
            {
                Vector256<short> words = Block16(a, b, pairs, pairCount, k);
                Vector256.Min(Vector256.Max(words, Vector256<short>.Zero), max).AsUInt16().Store(output + k);
            }
        }
        else if (vector && Sse2.IsSupported)
        {
            Vector128<short> max = Vector128.Create((short)255);
            for (; k < end; k += 8)
            {
                Vector128<short> words = Block8(a, b, pairs, pairCount, k);
                Vector128.Min(Vector128.Max(words, Vector128<short>.Zero), max).AsUInt16().Store(output + k);
            }
        }

        for (; k < end; k++)
        {
            output[k] = (ushort)Sample(a, b, weights, values, k);
        }
    }

    /// <summary>Rounded results as bytes (writes exactly <paramref name="length"/> of them).</summary>
    /// <param name="a">First row of each value.</param>
    /// <param name="b">Second row of each value (a zero row where a value has one sample).</param>
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
        if (vector && Avx2.IsSupported)
        {
            for (; k <= length - 32; k += 32)
            {
                Store32(output + k, Block16(a, b, pairs, pairCount, k), Block16(a, b, pairs, pairCount, k + 16));
            }

            if (k < length)
            {
                // The rows are padded to whole blocks: compute the last block in full, keep what fits the row.
                byte* last = stackalloc byte[32];
                Store32(last, Block16(a, b, pairs, pairCount, k), Block16(a, b, pairs, pairCount, k + 16));
                new ReadOnlySpan<byte>(last, (int)(length - k)).CopyTo(new Span<byte>(output + k, (int)(length - k)));
                return;
            }
        }
        else if (vector && Sse2.IsSupported)
        {
            for (; k <= length - 16; k += 16)
            {
                Sse2.PackUnsignedSaturate(Block8(a, b, pairs, pairCount, k), Block8(a, b, pairs, pairCount, k + 8)).Store(output + k);
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
            acc += weights[i] * (a[i][k] + b[i][k]);
        }

        return Math.Clamp(acc >> 14, 0, 255);
    }

    /// <summary>
    /// Samples k..k+15 as (sum &gt;&gt; 14) saturated to 16 bits, in order: unpacklo/hi put samples 0-3 | 8-11 and
    /// 4-7 | 12-15 into the two sums, and packssdw, which works per 128-bit lane, puts them back in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Block16(ushort** a, ushort** b, int* pairs, int pairCount, nint k)
    {
        Vector256<int> lo = Vector256.Create(8192), hi = lo;
        for (int m = 0; m < pairCount; m++)
        {
            Vector256<short> x0 = Vector256.Load((short*)a[2 * m] + k) + Vector256.Load((short*)b[2 * m] + k);
            Vector256<short> x1 = Vector256.Load((short*)a[(2 * m) + 1] + k) + Vector256.Load((short*)b[(2 * m) + 1] + k);
            Vector256<short> w = Vector256.Create(pairs[m]).AsInt16();
            lo += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(x0, x1), w);
            hi += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(x0, x1), w);
        }

        return Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo, 14), Avx2.ShiftRightArithmetic(hi, 14));
    }

    /// <summary>128-bit twin of <see cref="Block16"/> for samples k..k+7 (already in order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Block8(ushort** a, ushort** b, int* pairs, int pairCount, nint k)
    {
        Vector128<int> lo = Vector128.Create(8192), hi = lo;
        for (int m = 0; m < pairCount; m++)
        {
            Vector128<short> x0 = Vector128.Load((short*)a[2 * m] + k) + Vector128.Load((short*)b[2 * m] + k);
            Vector128<short> x1 = Vector128.Load((short*)a[(2 * m) + 1] + k) + Vector128.Load((short*)b[(2 * m) + 1] + k);
            Vector128<short> w = Vector128.Create(pairs[m]).AsInt16();
            lo += Sse2.MultiplyAddAdjacent(Sse2.UnpackLow(x0, x1), w);
            hi += Sse2.MultiplyAddAdjacent(Sse2.UnpackHigh(x0, x1), w);
        }

        return Sse2.PackSignedSaturate(Sse2.ShiftRightArithmetic(lo, 14), Sse2.ShiftRightArithmetic(hi, 14));
    }

    /// <summary>Clamps two in-order 16-sample blocks to bytes and stores them: packuswb interleaves the 128-bit lanes, vpermq undoes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store32(byte* output, Vector256<short> first, Vector256<short> second)
    {
        Vector256<byte> bytes = Avx2.PackUnsignedSaturate(first, second);
        Avx2.Permute4x64(bytes.AsUInt64(), 0b11_01_10_00).AsByte().Store(output);
    }
}
