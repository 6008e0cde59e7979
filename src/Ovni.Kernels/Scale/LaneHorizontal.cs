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
                Windows<TFilter>(source, next != null ? next : source, starts, controls, coefficients, (byte*)row, second, blocks);
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
    /// the tap pairs unrolled (the filter fixes their number), no per-block checks. On x86 the same bytes of the next
    /// source row are prefetched: the gathers wait on memory otherwise (decoded frames arrive from memory, not cache).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Windows<TFilter>(byte* source, byte* next, int* s, byte* k, short* c, byte* output, nint second, int blocks)
        where TFilter : struct, ILaneFilter
    {
        int groups = TFilter.Groups, pairBytes = 2 * LanePlan.BlockSamples * TFilter.OutputBytes, block = 0;
        if (Avx2.IsSupported)
        {
            for (; block + 1 < blocks; block += 2, s += 2 * groups, k += 64 * groups, c += 32 * groups, output += pairBytes)
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
        else
        {
            for (; block + 1 < blocks; block += 2, s += 2 * groups, k += 64 * groups, c += 32 * groups, output += pairBytes)
            {
                if (Sse.IsSupported)
                {
                    Sse.Prefetch0(next + s[0]);
                }

                Window<TFilter>(source, s, k, c, output, second);
                Window<TFilter>(source, s + 1, k + 16, c + 8, output + (pairBytes / 2), second);
            }
        }

        if (block < blocks)
        {
            Window<TFilter>(source, s, k, c, output, second);
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
