// Why: Lanczos-3 rounds once after a sum that needs ~38 bits (14-bit weights on both axes over 23-bit
// horizontal sums). 64-bit lanes would halve the throughput; instead each horizontal sum H is split into a 15-bit
// low part and the rest, stored as the two 16-bit halves of one int, so the vertical step is vpmaddwd (16-bit
// products summed in 32 bits) on both halves and the exact rounded result is recombined from the two 32-bit sums.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// The two passes of the Lanczos-3 twin, AVX-512 (BW + VBMI). Horizontal: per source row and output
/// sample, H = Σ w * p (exact), stored packed as (H &gt;&gt; 15) &lt;&lt; 16 | (H &amp; 0x7FFF). Vertical: with
/// L = Σ wy * low halves and U = Σ wy * high halves (both exact in 32 bits), Σ wy * H = U * 2^15 + L and the
/// documented clamp((Σ wy * H + 2^27) &gt;&gt; 28) equals clamp((U + ((L + 2^27) &gt;&gt; 15)) &gt;&gt; 13).
/// Exact when every weight fits 16 bits and each filter's absolute weights sum to at most <see cref="MaxAbsoluteSum"/>.
/// </summary>
internal static unsafe partial class WidePasses
{
    /// <summary>Bound on Σ|w| per filter phase that keeps L + 2^27 below 2^31 (32767 * 49152 + 2^27 &lt; 2^31).</summary>
    public const int MaxAbsoluteSum = 49152;

    private const int Round = 1 << 27;

    /// <summary>Packed horizontal sums of every output sample of one source row (6 taps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Horizontal(HorizontalPlan plan, byte* source, int* packed)
    {
        int blocks = plan.BlockCount, controlStride = plan.ControlStride, coefficientStride = plan.CoefficientStride;
        fixed (int* starts = plan.Starts)
        fixed (byte* controls = plan.Controls)
        fixed (short* coefficients = plan.Coefficients)
        {
            Vector512<int> highMask = Vector512.Create(~0x7FFF);
            byte* control = controls;
            short* coefficient = coefficients;
            int* output = packed;
            for (int block = 0; block < blocks; block++, control += controlStride, coefficient += coefficientStride, output += 16)
            {
                int start = starts[block];
                if (start < 0)
                {
                    continue; // done below: a call here would make the JIT keep the loop's pointers on the stack
                }

                // One permute picks the bytes of two pairs of taps; zero-extended, vpmaddwd multiplies them by their
                // 16-bit weights (one control vector per block keeps the plan's tables small).
                Vector512<byte> window = Vector512.Load(source + start);
                Vector512<byte> picked = Avx512Vbmi.PermuteVar64x8(window, Vector512.Load(control));
                Vector512<int> h = Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(picked.GetLower()), Vector512.Load(coefficient))
                    + Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(picked.GetUpper()), Vector512.Load(coefficient + 32));
                Vector512<byte> third = Avx512Vbmi.PermuteVar64x8(window, Vector512.Load(control + 64));
                h += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(third.GetLower()), Vector512.Load(coefficient + 64));

                // H + (H & ~0x7FFF) = (H >> 15) * 2^16 + (H & 0x7FFF).
                (h + (h & highMask)).Store(output);
            }

            int done = blocks * 16;
            for (int block = 0; block < blocks; block++)
            {
                if (starts[block] < 0)
                {
                    ScalarBlock(plan, source, packed, block);
                }
            }

            fixed (int* offsets = plan.Offsets, weights = plan.Weights)
            {
                Scalar(source, packed + done, offsets + (done * plan.Taps), weights + (done * plan.Taps), plan.Taps, plan.RowLength - done);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScalarBlock(HorizontalPlan plan, byte* source, int* packed, int block)
    {
        int first = block * 16, taps = plan.Taps;
        fixed (int* offsets = plan.Offsets, weights = plan.Weights)
        {
            Scalar(source, packed + first, offsets + (first * taps), weights + (first * taps), taps, 16);
        }
    }

    /// <summary>Per-sample horizontal sums from the plan's tap tables (blocks no window covers, row tails).</summary>
    internal static void Scalar(byte* source, int* packed, int* offsets, int* weights, int taps, int count)
    {
        for (int i = 0; i < count; i++, offsets += taps, weights += taps)
        {
            int h = 0;
            for (int t = 0; t < taps; t++)
            {
                h += weights[t] * source[offsets[t]];
            }

            packed[i] = h + (h & ~0x7FFF);
        }
    }

    /// <summary>One output row from the packed sums of its 6 source rows and the vertical weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vertical(int** rows, ReadOnlySpan<int> w, byte* output, int length)
    {
        int taps = w.Length, i = 0;
        Vertical6(rows, w, output, length, ref i);

        for (; i < length; i++)
        {
            int low = Round, high = 0;
            for (int t = 0; t < taps; t++)
            {
                int p = rows[t][i];
                low += w[t] * (p & 0x7FFF);
                high += w[t] * (p >> 16);
            }

            output[i] = (byte)Math.Clamp((high + (low >> 15)) >> 13, 0, 255);
        }
    }

    // Rows are paired: (low half of row j, low half of row j+1) in one int lane takes one vpmaddwd with
    // (w[j], w[j+1]), and likewise the high halves, so each pair of rows costs 2 multiplies per 16 outputs, not 4.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vertical6(int** rows, ReadOnlySpan<int> w, byte* output, int length, ref int i)
    {
        Vector512<short> w01 = PairWeights(w[0], w[1]), w23 = PairWeights(w[2], w[3]), w45 = PairWeights(w[4], w[5]);
        int* r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5];
        Vector512<int> round = Vector512.Create(Round);
        Vector512<int> order = StoreOrder;
        for (; i <= length - 64; i += 64)
        {
            Vector512<int> a = Columns4(r0, r1, r2, r3, i, w01, w23, round, r4, r5, w45);
            Vector512<int> b = Columns4(r0, r1, r2, r3, i + 16, w01, w23, round, r4, r5, w45);
            Vector512<int> c = Columns4(r0, r1, r2, r3, i + 32, w01, w23, round, r4, r5, w45);
            Vector512<int> d = Columns4(r0, r1, r2, r3, i + 48, w01, w23, round, r4, r5, w45);
            Store64(a, b, c, d, order, output + i);
        }
    }

    /// <summary>16 outputs from rows 0..3 (and 4..5 when <paramref name="r4"/> is set; the JIT drops the check per caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Columns4(int* r0, int* r1, int* r2, int* r3, int i, Vector512<short> w01, Vector512<short> w23,
        Vector512<int> round, int* r4 = null, int* r5 = null, Vector512<short> w45 = default)
    {
        Vector512<int> low = round, high = Vector512<int>.Zero;
        AddPair(r0 + i, r1 + i, w01, ref low, ref high);
        AddPair(r2 + i, r3 + i, w23, ref low, ref high);
        if (r4 != null)
        {
            AddPair(r4 + i, r5 + i, w45, ref low, ref high);
        }

        return Avx512F.ShiftRightArithmetic(high + Avx512F.ShiftRightArithmetic(low, 15), 13);
    }

    private static Vector512<int> StoreOrder => Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    private static Vector512<short> PairWeights(int first, int second) => Vector512.Create((second << 16) | (first & 0xFFFF)).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(int* first, int* second, Vector512<short> weights, ref Vector512<int> low, ref Vector512<int> high)
    {
        Vector512<int> a = Vector512.Load(first), b = Vector512.Load(second);
        Vector512<int> lowWords = Vector512.Create(0xFFFF);
        low += Avx512BW.MultiplyAddAdjacent(Vector512.ConditionalSelect(lowWords, a, b << 16).AsInt16(), weights);
        high += Avx512BW.MultiplyAddAdjacent(Vector512.ConditionalSelect(lowWords, Vector512.ShiftRightLogical(a, 16), b).AsInt16(), weights);
    }

    /// <summary>Saturating packs clamp to 0..255; they interleave the four vectors' lanes, which vpermd undoes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store64(Vector512<int> a, Vector512<int> b, Vector512<int> c, Vector512<int> d, Vector512<int> order, byte* output)
    {
        Vector512<byte> bytes = Avx512BW.PackUnsignedSaturate(Avx512BW.PackSignedSaturate(a, b), Avx512BW.PackSignedSaturate(c, d));
        Avx512F.PermuteVar16x32(bytes.AsInt32(), order).AsByte().Store(output);
    }

}
