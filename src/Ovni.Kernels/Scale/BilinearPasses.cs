// Why: bilinear is the most used resize, and with 8-bit weights its exact arithmetic fits 16-bit lanes: the
// horizontal sum H = p0*(256-fx) + p1*fx is at most 65280, so H - 32768 is an exact short, and the vertical step is
// one vpmaddwd per pair of rows. 32 outputs per block instead of the 8 that 32-bit lanes would give.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// The two passes of the bilinear twin, AVX-512 (BW + VBMI). Horizontal: per source row, B[i] = H[i] - 32768 with
/// H = p0*(256-fx) + p1*fx. Vertical: per output row, (B0*(256-fy) + B1*fy + 2^23 + 2^15) &gt;&gt; 16, which is the
/// documented (H0*(256-fy) + H1*fy + 32768) &gt;&gt; 16 because the two weights sum to 256.
/// </summary>
internal static unsafe partial class BilinearPasses
{
    /// <summary>32768 * 256 (the bias of both rows times the weight sum) plus the rounding half, 32768.</summary>
    private const int VerticalBias = (32768 * 256) + 32768;

    /// <summary>B[i] = p0*(256-fx) + p1*fx - 32768 for every output sample of one source row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Horizontal(HorizontalPlan plan, byte* source, short* b)
    {
        int blocks = plan.BlockCount;
        fixed (int* starts = plan.Starts)
        fixed (byte* controls = plan.Controls)
        fixed (short* coefficients = plan.Coefficients)
        {
            Vector512<byte> flip = Vector512.Create((byte)0x80);
            byte* control = controls;
            short* fx = coefficients;
            short* output = b;
            for (int block = 0; block < blocks; block++, control += 64, fx += 32, output += 32)
            {
                int start = starts[block];
                if (start < 0)
                {
                    continue; // done below: a call here would make the JIT keep the loop's pointers on the stack
                }

                // q = p - 128 as signed bytes; B = 256*q0 + (q1 - q0)*fx exactly (|B| <= 32768, no wrap).
                Vector512<byte> picked = Avx512Vbmi.PermuteVar64x8(Vector512.Load(source + start), Vector512.Load(control)) ^ flip;
                Vector512<short> q0 = Avx512BW.ConvertToVector512Int16(picked.GetLower().AsSByte());
                Vector512<short> q1 = Avx512BW.ConvertToVector512Int16(picked.GetUpper().AsSByte());
                Vector512<short> sum = Avx512BW.ShiftLeftLogical(q0, 8) + Avx512BW.MultiplyLow(q1 - q0, Vector512.Load(fx));
                sum.Store(output);
            }

            int done = blocks * 32;
            for (int block = 0; block < blocks; block++)
            {
                if (starts[block] < 0)
                {
                    ScalarBlock(plan, source, b, block);
                }
            }

            fixed (int* offsets = plan.Offsets, weights = plan.Weights)
            {
                Scalar(source, b + done, offsets + (done * 2), weights + (done * 2), plan.RowLength - done);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScalarBlock(HorizontalPlan plan, byte* source, short* b, int block)
    {
        int first = block * 32;
        fixed (int* offsets = plan.Offsets, weights = plan.Weights)
        {
            Scalar(source, b + first, offsets + (first * 2), weights + (first * 2), 32);
        }
    }

    /// <summary>Per-sample horizontal sums from the plan's tap tables (blocks no window covers, row tails).</summary>
    internal static void Scalar(byte* source, short* b, int* offsets, int* weights, int count)
    {
        for (int i = 0; i < count; i++, offsets += 2, weights += 2)
        {
            b[i] = (short)((source[offsets[0]] * weights[0]) + (source[offsets[1]] * weights[1]) - 32768);
        }
    }

    /// <summary>One output row from the biased horizontal sums of its two source rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vertical(short* top, short* bottom, int fy, byte* output, int length)
    {
        int i = 0;
        Vector512<short> weights = Vector512.Create((fy << 16) | (256 - fy)).AsInt16();
        Vector512<int> bias = Vector512.Create(VerticalBias);
        // packssdw of the unpacked low/high halves restores column order within each 128-bit lane; packuswb of two
        // such 32-column word vectors interleaves their lanes' quadwords, which the final vpermq undoes.
        Vector512<long> order = Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7);
        for (; i <= length - 64; i += 64)
        {
            Vector512<short> first = Columns32(top + i, bottom + i, weights, bias);
            Vector512<short> second = Columns32(top + i + 32, bottom + i + 32, weights, bias);
            Vector512<byte> bytes = Avx512BW.PackUnsignedSaturate(first, second);
            Avx512F.PermuteVar8x64(bytes.AsInt64(), order).AsByte().Store(output + i);
        }

        for (; i < length; i++)
        {
            output[i] = (byte)(((top[i] * (256 - fy)) + (bottom[i] * fy) + VerticalBias) >> 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Columns32(short* top, short* bottom, Vector512<short> weights, Vector512<int> bias)
    {
        Vector512<short> a = Vector512.Load(top), c = Vector512.Load(bottom);
        Vector512<int> low = Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(a, c), weights) + bias;
        Vector512<int> high = Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(a, c), weights) + bias;
        return Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(low, 16), Avx512F.ShiftRightArithmetic(high, 16));
    }
}
