// Why: the horizontal pass of the separable resize on AVX2 and 128-bit vector units (see LanePlan). It writes the very
// row formats the AVX-512 passes write (BilinearPasses, CubicPasses, WidePasses), so the vertical passes read the same
// intermediates on every tier and the output bytes are the same integers. The filter is a type parameter so that each
// filter's loop is compiled with its number of tap pairs fixed (straight-line code, no pointer spills).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// One source row's horizontal sums H = Σ w * p for every output sample, stored as the filter's row format:
/// 2 taps: H - 32768 (short); 4 taps: ((H + 64) &gt;&gt; 7) - 16384 (short); 6 taps: two planes of shorts, H &amp; 0x7FFF
/// and, <c>second</c> bytes later, H &gt;&gt; 15.
/// </summary>
internal static unsafe class LaneHorizontal
{
    /// <summary>
    /// Fills <paramref name="row"/> (shorts; for 6 taps a second plane <paramref name="second"/> bytes on) from one source row, prefetching the same bytes
    /// of <paramref name="next"/> (the source row computed next, or null) on x86: the gathers wait on memory otherwise
    /// (decoded frames arrive from memory, not cache).
    /// </summary>
    public static void Run(LanePlan plan, byte* source, byte* next, void* row, nint second)
    {
        switch (plan.Taps)
        {
            case 2:
                Run<BilinearLanes>(plan, source, next, row, second);
                break;
            case 4:
                Run<CubicLanes>(plan, source, next, row, second);
                break;
            default:
                Run<LanczosLanes>(plan, source, next, row, second);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TFilter>(LanePlan plan, byte* source, byte* next, void* row, nint second)
        where TFilter : struct, ILaneFilter
    {
        int groups = TFilter.Groups, blocks = plan.BlockCount, pairBytes = 2 * LanePlan.BlockSamples * TFilter.OutputBytes;
        fixed (int* starts = plan.Starts)
        fixed (byte* controls = plan.Controls)
        fixed (short* coefficients = plan.Coefficients)
        {
            if (plan.AllBlocksFit && Vector128.IsHardwareAccelerated)
            {
                Windows<TFilter>(plan, source, next != null ? next : source, starts, controls, coefficients, (byte*)row, second);
            }
            else
            {
                // Running pointers of pair p: starts + 2 G p, controls + 64 G p, coefficients + 32 G p, row + p pairBytes.
                int* s = starts;
                byte* k = controls, output = (byte*)row;
                short* c = coefficients;
                for (int block = 0; block < blocks; block += 2, s += 2 * groups, k += 64 * groups, c += 32 * groups, output += pairBytes)
                {
                    Block<TFilter>(plan, source, s, k, c, output, second, block);
                    if (block + 1 < blocks)
                    {
                        Block<TFilter>(plan, source, s + 1, k + 16, c + 8, output + (pairBytes / 2), second, block + 1);
                    }
                }
            }

            int done = blocks * LanePlan.BlockSamples;
            fixed (int* offsets = plan.Offsets, weights = plan.Weights)
            {
                TFilter.Scalar(source, row, second, offsets, weights, done, plan.RowLength - done);
            }
        }
    }

    /// <summary>
    /// Every block from its windows (the plan's usual case): two blocks per AVX2 register or one per 128-bit register,
    /// the tap pairs unrolled (the filter fixes their number), no per-block checks. Blocks of the plan's uniform run keep
    /// one block's controls and coefficients in registers (only the source windows are loaded). On x86 the same bytes of
    /// the next source row are prefetched: the gathers wait on memory otherwise (decoded frames arrive from memory, not cache).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Windows<TFilter>(LanePlan plan, byte* source, byte* next, int* s, byte* k, short* c, byte* output, nint second)
        where TFilter : struct, ILaneFilter
    {
        int blocks = plan.BlockCount, first = plan.UniformFirst, end = plan.UniformEnd, block = 0;
        if (Avx2.IsSupported)
        {
            // Whole pairs of the uniform run: pair p holds blocks 2p and 2p + 1.
            int uniformFirst = (first + 1) / 2, uniformEnd = end / 2;
            int pairs = blocks / 2, pair = 0;
            if (uniformEnd > uniformFirst)
            {
                Pairs256<TFilter>(source, next, s, k, c, output, second, 0, uniformFirst);
                Uniform256<TFilter>(source, next, s, k, c, output, second, uniformFirst, uniformEnd, 2 * plan.UniformStep);
                pair = uniformEnd;
            }

            Pairs256<TFilter>(source, next, s, k, c, output, second, pair, pairs);
            block = 2 * pairs;
        }
        else if (end > first)
        {
            Blocks128<TFilter>(source, next, s, k, c, output, second, 0, first);
            Uniform128<TFilter>(source, next, s, k, c, output, second, first, end, plan.UniformStep);
            block = end;
        }

        Blocks128<TFilter>(source, next, s, k, c, output, second, block, blocks);
    }

    /// <summary>Pairs [from, to) with both blocks in one AVX2 register, controls and coefficients loaded per pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pairs256<TFilter>(byte* source, byte* next, int* s, byte* k, short* c, byte* output, nint second, int from, int to)
        where TFilter : struct, ILaneFilter
    {
        int groups = TFilter.Groups, pairBytes = 2 * LanePlan.BlockSamples * TFilter.OutputBytes;
        s += 2 * groups * from;
        k += 64 * groups * from;
        c += 32 * groups * from;
        output += pairBytes * from;
        for (int pair = from; pair < to; pair++, s += 2 * groups, k += 64 * groups, c += 32 * groups, output += pairBytes)
        {
            Sse.Prefetch0(next + s[0]);
            // One 16-byte window per lane: block 2p in the low lane, block 2p + 1 in the high one.
            Vector256<byte> window = Vector256.Create(Vector128.Load(source + s[0]), Vector128.Load(source + s[1]));
            Vector256<int> lo = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, Vector256.Load(k)).AsInt16(), Vector256.Load(c));
            Vector256<int> hi = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, Vector256.Load(k + 32)).AsInt16(), Vector256.Load(c + 16));
            if (TFilter.Groups > 1)
            {
                window = Vector256.Create(Vector128.Load(source + s[2]), Vector128.Load(source + s[3]));
                lo += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, Vector256.Load(k + 64)).AsInt16(), Vector256.Load(c + 32));
                hi += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, Vector256.Load(k + 96)).AsInt16(), Vector256.Load(c + 48));
            }

            if (TFilter.Groups > 2)
            {
                window = Vector256.Create(Vector128.Load(source + s[4]), Vector128.Load(source + s[5]));
                lo += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, Vector256.Load(k + 128)).AsInt16(), Vector256.Load(c + 64));
                hi += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, Vector256.Load(k + 160)).AsInt16(), Vector256.Load(c + 80));
            }

            // lo holds outputs 0..3 of each block, hi outputs 4..7.
            TFilter.Store16(lo, hi, output, second);
        }
    }

    /// <summary>
    /// Pairs [from, to) of the uniform run: pair <paramref name="from"/>'s controls and coefficients serve every pair,
    /// each pair's windows <paramref name="pairStep"/> bytes after the previous pair's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Uniform256<TFilter>(byte* source, byte* next, int* s, byte* k, short* c, byte* output, nint second,
        int from, int to, int pairStep)
        where TFilter : struct, ILaneFilter
    {
        int groups = TFilter.Groups, pairBytes = 2 * LanePlan.BlockSamples * TFilter.OutputBytes;
        s += 2 * groups * from;
        k += 64 * groups * from;
        c += 32 * groups * from;
        output += pairBytes * from;
        byte* src = source + s[0], ahead = next + s[0];
        nint o1 = s[1] - s[0], o2 = TFilter.Groups > 1 ? s[2] - s[0] : 0, o3 = TFilter.Groups > 1 ? s[3] - s[0] : 0;
        nint o4 = TFilter.Groups > 2 ? s[4] - s[0] : 0, o5 = TFilter.Groups > 2 ? s[5] - s[0] : 0;
        Vector256<byte> k0 = Vector256.Load(k), k1 = Vector256.Load(k + 32);
        Vector256<short> c0 = Vector256.Load(c), c1 = Vector256.Load(c + 16);
        Vector256<byte> k2 = default, k3 = default, k4 = default, k5 = default;
        Vector256<short> c2 = default, c3 = default, c4 = default, c5 = default;
        if (TFilter.Groups > 1)
        {
            (k2, k3, c2, c3) = (Vector256.Load(k + 64), Vector256.Load(k + 96), Vector256.Load(c + 32), Vector256.Load(c + 48));
        }

        if (TFilter.Groups > 2)
        {
            (k4, k5, c4, c5) = (Vector256.Load(k + 128), Vector256.Load(k + 160), Vector256.Load(c + 64), Vector256.Load(c + 80));
        }

        for (int pair = from; pair < to; pair++, src += pairStep, ahead += pairStep, output += pairBytes)
        {
            Sse.Prefetch0(ahead);
            Vector256<byte> window = Vector256.Create(Vector128.Load(src), Vector128.Load(src + o1));
            Vector256<int> lo = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, k0).AsInt16(), c0);
            Vector256<int> hi = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, k1).AsInt16(), c1);
            if (TFilter.Groups > 1)
            {
                window = Vector256.Create(Vector128.Load(src + o2), Vector128.Load(src + o3));
                lo += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, k2).AsInt16(), c2);
                hi += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, k3).AsInt16(), c3);
            }

            if (TFilter.Groups > 2)
            {
                window = Vector256.Create(Vector128.Load(src + o4), Vector128.Load(src + o5));
                lo += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, k4).AsInt16(), c4);
                hi += Avx2.MultiplyAddAdjacent(Avx2.Shuffle(window, k5).AsInt16(), c5);
            }

            TFilter.Store16(lo, hi, output, second);
        }
    }

    /// <summary>Blocks [from, to) with 128-bit vectors, controls and coefficients loaded per block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blocks128<TFilter>(byte* source, byte* next, int* s, byte* k, short* c, byte* output, nint second, int from, int to)
        where TFilter : struct, ILaneFilter
    {
        int groups = TFilter.Groups, blockBytes = LanePlan.BlockSamples * TFilter.OutputBytes;
        for (int block = from; block < to; block++)
        {
            // Block b is half b % 2 of pair b / 2: its start, controls and coefficients follow the pair's by one entry, 16 bytes, 8 words.
            int pair = block / 2, half = block % 2;
            int* bs = s + (2 * groups * pair) + half;
            if (Sse.IsSupported && half == 0)
            {
                Sse.Prefetch0(next + bs[0]);
            }

            Window<TFilter>(source, bs, k + (64 * groups * pair) + (16 * half), c + (32 * groups * pair) + (8 * half), output + (blockBytes * block), second);
        }
    }

    /// <summary>Blocks [from, to) of the uniform run with 128-bit vectors, block <paramref name="from"/>'s vectors in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Uniform128<TFilter>(byte* source, byte* next, int* s, byte* k, short* c, byte* output, nint second,
        int from, int to, int step)
        where TFilter : struct, ILaneFilter
    {
        int groups = TFilter.Groups, blockBytes = LanePlan.BlockSamples * TFilter.OutputBytes;
        int pair = from / 2, half = from % 2;
        s += (2 * groups * pair) + half;
        k += (64 * groups * pair) + (16 * half);
        c += (32 * groups * pair) + (8 * half);
        output += blockBytes * from;
        byte* src = source + s[0], ahead = next + s[0];
        nint o1 = TFilter.Groups > 1 ? s[2] - s[0] : 0, o2 = TFilter.Groups > 2 ? s[4] - s[0] : 0;
        Vector128<byte> k0 = Vector128.Load(k), k1 = Vector128.Load(k + 32);
        Vector128<short> c0 = Vector128.Load(c), c1 = Vector128.Load(c + 16);
        Vector128<byte> k2 = default, k3 = default, k4 = default, k5 = default;
        Vector128<short> c2 = default, c3 = default, c4 = default, c5 = default;
        if (TFilter.Groups > 1)
        {
            (k2, k3, c2, c3) = (Vector128.Load(k + 64), Vector128.Load(k + 96), Vector128.Load(c + 32), Vector128.Load(c + 48));
        }

        if (TFilter.Groups > 2)
        {
            (k4, k5, c4, c5) = (Vector128.Load(k + 128), Vector128.Load(k + 160), Vector128.Load(c + 64), Vector128.Load(c + 80));
        }

        for (int block = from; block < to; block++, src += step, ahead += step, output += blockBytes)
        {
            if (Sse.IsSupported && ((block - from) & 1) == 0)
            {
                Sse.Prefetch0(ahead);
            }

            Vector128<byte> window = Vector128.Load(src);
            Vector128<int> lo = Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, k0).AsInt16(), c0);
            Vector128<int> hi = Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, k1).AsInt16(), c1);
            if (TFilter.Groups > 1)
            {
                window = Vector128.Load(src + o1);
                lo += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, k2).AsInt16(), c2);
                hi += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, k3).AsInt16(), c3);
            }

            if (TFilter.Groups > 2)
            {
                window = Vector128.Load(src + o2);
                lo += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, k4).AsInt16(), c4);
                hi += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, k5).AsInt16(), c5);
            }

            TFilter.Store8(lo, hi, output, second);
        }
    }

    /// <summary>One block of 8 outputs from its windows with 128-bit vectors, the tap pairs unrolled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Window<TFilter>(byte* source, int* s, byte* k, short* c, byte* output, nint second)
        where TFilter : struct, ILaneFilter
    {
        Vector128<byte> window = Vector128.Load(source + s[0]);
        Vector128<int> lo = Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k)).AsInt16(), Vector128.Load(c));
        Vector128<int> hi = Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + 32)).AsInt16(), Vector128.Load(c + 16));
        if (TFilter.Groups > 1)
        {
            window = Vector128.Load(source + s[2]);
            lo += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + 64)).AsInt16(), Vector128.Load(c + 32));
            hi += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + 96)).AsInt16(), Vector128.Load(c + 48));
        }

        if (TFilter.Groups > 2)
        {
            window = Vector128.Load(source + s[4]);
            lo += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + 128)).AsInt16(), Vector128.Load(c + 64));
            hi += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + 160)).AsInt16(), Vector128.Load(c + 80));
        }

        TFilter.Store8(lo, hi, output, second);
    }

    /// <summary>One block of 8 outputs with 128-bit vectors (or from the per-sample tables when no window covers it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<TFilter>(LanePlan plan, byte* source, int* s, byte* k, short* c, byte* output, nint second, int block)
        where TFilter : struct, ILaneFilter
    {
        if (!Vector128.IsHardwareAccelerated || s[0] < 0)
        {
            ScalarBlock<TFilter>(plan, source, output - (block * LanePlan.BlockSamples * TFilter.OutputBytes), second, block);
            return;
        }

        Vector128<int> lo = Vector128<int>.Zero, hi = lo;
        for (int g = 0; g < TFilter.Groups; g++)
        {
            Vector128<byte> window = Vector128.Load(source + s[2 * g]);
            lo += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + (64 * g))).AsInt16(), Vector128.Load(c + (32 * g)));
            hi += Simd128.MultiplyAddAdjacent(Vector128.ShuffleNative(window, Vector128.Load(k + (64 * g) + 32)).AsInt16(), Vector128.Load(c + (32 * g) + 16));
        }

        TFilter.Store8(lo, hi, output, second);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScalarBlock<TFilter>(LanePlan plan, byte* source, void* row, nint second, int block)
        where TFilter : struct, ILaneFilter
    {
        fixed (int* offsets = plan.Offsets, weights = plan.Weights)
        {
            TFilter.Scalar(source, row, second, offsets, weights, block * LanePlan.BlockSamples, LanePlan.BlockSamples);
        }
    }
}
