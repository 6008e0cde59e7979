// Why: bicubic rounds each horizontal sum to 1/128 of a code value (h7 = (h + 64) >> 7, see scale.cu), which
// fits a short once biased by -16384; the vertical step is then one vpmaddwd per pair of rows on 32 outputs,
// the same shape as bilinear, instead of 32-bit sums split in halves.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// The two passes of the bicubic twin, AVX-512 (BW + VBMI). Horizontal: per source row and output sample,
/// B = ((Σ wx * p + 64) &gt;&gt; 7) - 16384 (Catmull-Rom sums lie in [-522240, 4700160], so B in [-20464, 20336]).
/// Vertical: (Σ wy * B + 2^28 + 2^20) &gt;&gt; 21 clamped, which is the documented (Σ wy * h7 + 2^20) &gt;&gt; 21 because
/// the vertical weights sum to 16384 (16384 * 16384 = 2^28); every sum stays below 2^30.
/// </summary>
internal static unsafe partial class CubicPasses
{
    private const int Bias = 16384;
    private const int VerticalBias = (1 << 28) + (1 << 20);

    /// <summary>Biased, rounded horizontal sums of every output sample of one source row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Horizontal(HorizontalPlan plan, byte* source, short* b)
    {
        int blocks = plan.BlockCount, controlStride = plan.ControlStride, coefficientStride = plan.CoefficientStride;
        fixed (int* starts = plan.Starts)
        fixed (byte* controls = plan.Controls)
        fixed (short* coefficients = plan.Coefficients)
        {
            Vector512<int> offset = Vector512.Create(PlaneScale.CubicHalf - (Bias << PlaneScale.CubicShift));
            byte* control = controls;
            short* coefficient = coefficients;
            short* output = b;
            for (int block = 0; block < blocks; block++, control += controlStride, coefficient += coefficientStride, output += 16)
            {
                int start = starts[block];
                if (start < 0)
                {
                    continue; // done below: a call here would make the JIT keep the loop's pointers on the stack
                }

                Vector512<byte> window = Vector512.Load(source + start);
                Vector512<byte> picked = Avx512Vbmi.PermuteVar64x8(window, Vector512.Load(control));
                Vector512<int> h = Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(picked.GetLower()), Vector512.Load(coefficient))
                    + Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(picked.GetUpper()), Vector512.Load(coefficient + 32));

                // (h + 64 - 16384 * 128) >> 7 = ((h + 64) >> 7) - 16384 exactly; it fits a short, so vpmovdw keeps it.
                Avx512F.ConvertToVector256Int16(Avx512F.ShiftRightArithmetic(h + offset, PlaneScale.CubicShift)).Store(output);
            }

            for (int block = 0; block < blocks; block++)
            {
                if (starts[block] < 0)
                {
                    ScalarBlock(plan, source, b, block);
                }
            }

            int done = blocks * 16;
            fixed (int* offsets = plan.Offsets, weights = plan.Weights)
            {
                Scalar(source, b + done, offsets + (done * 4), weights + (done * 4), plan.RowLength - done);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScalarBlock(HorizontalPlan plan, byte* source, short* b, int block)
    {
        int first = block * 16;
        fixed (int* offsets = plan.Offsets, weights = plan.Weights)
        {
            Scalar(source, b + first, offsets + (first * 4), weights + (first * 4), 16);
        }
    }

    /// <summary>Per-sample horizontal sums from the plan's tap tables (blocks no window covers, row tails).</summary>
    internal static void Scalar(byte* source, short* b, int* offsets, int* weights, int count)
    {
        for (int i = 0; i < count; i++, offsets += 4, weights += 4)
        {
            int h = (weights[0] * source[offsets[0]]) + (weights[1] * source[offsets[1]])
                + (weights[2] * source[offsets[2]]) + (weights[3] * source[offsets[3]]);
            b[i] = (short)(((h + PlaneScale.CubicHalf) >> PlaneScale.CubicShift) - Bias);
        }
    }

    /// <summary>One output row from the biased sums of its 4 source rows and the vertical weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vertical(short** rows, ReadOnlySpan<int> w, byte* output, int length)
    {
        short* r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
        int i = 0;
        Vector512<short> w01 = Vector512.Create((w[1] << 16) | (w[0] & 0xFFFF)).AsInt16();
        Vector512<short> w23 = Vector512.Create((w[3] << 16) | (w[2] & 0xFFFF)).AsInt16();
        Vector512<int> bias = Vector512.Create(VerticalBias);

        // As in BilinearPasses.Vertical: packs restore column order per 128-bit lane, vpermq across lanes; the
        // saturating packs clamp to 0..255.
        Vector512<long> order = Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7);
        for (; i <= length - 64; i += 64)
        {
            Vector512<short> first = Columns32(r0 + i, r1 + i, r2 + i, r3 + i, w01, w23, bias);
            Vector512<short> second = Columns32(r0 + i + 32, r1 + i + 32, r2 + i + 32, r3 + i + 32, w01, w23, bias);
            Vector512<byte> bytes = Avx512BW.PackUnsignedSaturate(first, second);
            Avx512F.PermuteVar8x64(bytes.AsInt64(), order).AsByte().Store(output + i);
        }

        for (; i < length; i++)
        {
            int acc = (w[0] * r0[i]) + (w[1] * r1[i]) + (w[2] * r2[i]) + (w[3] * r3[i]) + VerticalBias;
            output[i] = (byte)Math.Clamp(acc >> 21, 0, 255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Columns32(short* r0, short* r1, short* r2, short* r3, Vector512<short> w01, Vector512<short> w23, Vector512<int> bias)
    {
        Vector512<short> a = Vector512.Load(r0), b = Vector512.Load(r1), c = Vector512.Load(r2), d = Vector512.Load(r3);
        Vector512<int> low = bias + Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(a, b), w01) + Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(c, d), w23);
        Vector512<int> high = bias + Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(a, b), w01) + Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(c, d), w23);
        return Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(low, 21), Avx512F.ShiftRightArithmetic(high, 21));
    }
}
