// Why: the fast path of the bilinear, bicubic and Lanczos-3 twins at every SIMD tier. Horizontal pass per source row
// into a small ring of cached rows, vertical pass per output row, with the horizontal plan (offsets, weights, shuffle
// controls) and the row buffers kept per thread, so a frame neither allocates nor rebuilds tables. AVX-512 (BW + VBMI)
// gathers 16 or 32 outputs per 64-byte permute (HorizontalPlan); AVX2 and 128-bit units (x86 SSE, ARM NEON) gather 8
// outputs per 16-byte shuffle (LanePlan), with a block's controls held in registers over runs of repeating blocks, which
// makes them the faster choice on AVX-512 machines too at ratios such as 3:2. Same integers as the portable path and the
// CUDA kernels on every tier; only the order of exact sums differs.
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>Separable resize with per-thread plans and row buffers, on AVX-512, AVX2 or 128-bit vectors.</summary>
internal static unsafe class SeparableScale
{
    private const int CachedPlans = 4;

    [ThreadStatic]
    private static HorizontalPlan?[]? t_plans;

    [ThreadStatic]
    private static LanePlan?[]? t_lanePlans;

    [ThreadStatic]
    private static byte[]? t_rows;

    [ThreadStatic]
    private static bool t_lanesOnly;

    [ThreadStatic]
    private static bool t_wideOnly;

    /// <summary>True on machines with the instructions of the AVX-512 path.</summary>
    public static bool IsWideSupported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    /// <summary>True where some vector path applies (128-bit vectors at least).</summary>
    public static bool IsSupported => IsWideSupported || Vector128.IsHardwareAccelerated;

    /// <summary>Tests set this (per thread) to run the AVX2/128-bit lane passes on an AVX-512 machine.</summary>
    internal static bool LanesOnly
    {
        get => t_lanesOnly;
        set => t_lanesOnly = value;
    }

    /// <summary>Tests set this (per thread) to run the AVX-512 passes even where the lane passes would be chosen.</summary>
    internal static bool WideOnly
    {
        get => t_wideOnly;
        set => t_wideOnly = value;
    }

    /// <summary>
    /// Resizes destination rows [rowStart, rowEnd) when the fast path applies (hardware, and for Lanczos a table
    /// within <see cref="WidePasses"/>' exactness bounds); false leaves the work to the portable path.
    /// </summary>
    public static bool TryRun(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, int taps, ReadOnlySpan<int> table, int rowStart, int rowEnd)
    {
        if (!IsSupported)
        {
            return false;
        }

        bool wide = IsWideSupported && !LanesOnly;
        HorizontalPlan? plan = null;
        LanePlan? lanePlan = null;
        if (wide && !WideOnly && Avx2.IsSupported)
        {
            // Where most blocks repeat one block's controls (3:2, 2:1 ...), the AVX2 lane pass holds them in registers
            // and beats the AVX-512 pass, which loads a control vector per 16 or 32 outputs (measured: compare-ops.sh).
            if (!TryPlan(ref lanePlan, srcWidth, dstWidth, channels, taps, table))
            {
                return false;
            }

            wide = 2 * (lanePlan.UniformEnd - lanePlan.UniformFirst) < lanePlan.BlockCount;
        }

        if (wide ? !TryPlan(ref plan, srcWidth, dstWidth, channels, taps, table) : lanePlan is null && !TryPlan(ref lanePlan, srcWidth, dstWidth, channels, taps, table))
        {
            return false;
        }

        if (wide)
        {
            lanePlan = null;
        }

        int rowLength = dstWidth * channels;
        // The AVX-512 Lanczos pass packs each sum into an int; the lane passes write 16-bit planes (two for Lanczos).
        int planeBytes = ((rowLength * (wide && taps == 6 ? 4 : 2)) + 63) & ~63;
        nint second = wide || taps != 6 ? 0 : planeBytes;
        int rowBytes = second == 0 ? planeBytes : 2 * planeBytes;
        byte[] buffer = Rows((taps * rowBytes) + 64);
        int* cachedRows = stackalloc int[taps];
        new Span<int>(cachedRows, taps).Fill(-1);
        int* rowWeights = stackalloc int[taps];
        int* slots = stackalloc int[taps];
        void** rows = stackalloc void*[taps];
        int first = 1 - (taps / 2);
        fixed (byte* pinned = buffer)
        {
            byte* cache = (byte*)(((nint)pinned + 63) & ~(nint)63);
            for (int y = rowStart; y < rowEnd; y++)
            {
                int py = PlaneScale.SourcePosition(y, srcHeight, dstHeight), sy = py >> 8;
                Weights(py & 255, taps, table, rowWeights);
                for (int t = 0; t < taps; t++)
                {
                    int row = Math.Clamp(sy + first + t, 0, srcHeight - 1);
                    int slot = Find(cachedRows, taps, row);
                    if (slot < 0)
                    {
                        slot = Evict(cachedRows, taps, slots, t);
                        cachedRows[slot] = row;
                        byte* source = src + ((nint)row * pitchSrc), target = cache + ((nint)slot * rowBytes);
                        if (lanePlan is not null)
                        {
                            LaneHorizontal.Run(lanePlan, source, row + 1 < srcHeight ? source + pitchSrc : null, target, second);
                        }
                        else if (taps == 2)
                        {
                            BilinearPasses.Horizontal(plan!, source, (short*)target);
                        }
                        else if (taps == 4)
                        {
                            CubicPasses.Horizontal(plan!, source, (short*)target);
                        }
                        else
                        {
                            WidePasses.Horizontal(plan!, source, (int*)target);
                        }
                    }

                    slots[t] = slot;
                    rows[t] = cache + ((nint)slot * rowBytes);
                }

                byte* output = dst + ((nint)y * pitchDst);
                var weights = new ReadOnlySpan<int>(rowWeights, taps);
                if (taps == 2)
                {
                    if (wide)
                    {
                        BilinearPasses.Vertical((short*)rows[0], (short*)rows[1], rowWeights[1], output, rowLength);
                    }
                    else
                    {
                        BilinearPasses.VerticalLanes((short*)rows[0], (short*)rows[1], rowWeights[1], output, rowLength);
                    }
                }
                else if (taps == 4)
                {
                    if (wide)
                    {
                        CubicPasses.Vertical((short**)rows, weights, output, rowLength);
                    }
                    else
                    {
                        CubicPasses.VerticalLanes((short**)rows, weights, output, rowLength);
                    }
                }
                else if (wide)
                {
                    WidePasses.Vertical((int**)rows, weights, output, rowLength);
                }
                else
                {
                    WidePasses.VerticalLanes((short**)rows, second, weights, output, rowLength);
                }
            }
        }

        return true;
    }

    // The per-row helpers below are small loops written out (no span searches) and optimised from the first call: a
    // frame calls them per output row, and a short-lived process would otherwise run them unoptimised (tier 0).

    /// <summary>The slot holding source row <paramref name="row"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(int* cachedRows, int count, int row)
    {
        for (int s = 0; s < count; s++)
        {
            if (cachedRows[s] == row)
            {
                return s;
            }
        }

        return -1;
    }

    /// <summary>Rows are requested in increasing order: reuse the slot of the lowest cached row not in use now (slots[0..used)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Evict(int* cachedRows, int count, int* slots, int used)
    {
        int slot = -1;
        for (int s = 0; s < count; s++)
        {
            if (Find(slots, used, s) < 0 && (slot < 0 || cachedRows[s] < cachedRows[slot]))
            {
                slot = s;
            }
        }

        return slot;
    }

    /// <summary>The vertical weights of fraction f/256 (see PlaneScale.FilterWeights), without span copies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Weights(int f, int taps, ReadOnlySpan<int> table, int* weights)
    {
        if (taps == 6)
        {
            ReadOnlySpan<int> phase = table.Slice(6 * f, 6);
            for (int t = 0; t < 6; t++)
            {
                weights[t] = phase[t];
            }
        }
        else if (taps == 4)
        {
            PlaneScale.CubicWeights(f, out weights[0], out weights[1], out weights[2], out weights[3]);
        }
        else
        {
            weights[0] = 256 - f;
            weights[1] = f;
        }
    }

    /// <summary>Every weight fits 16 bits and every phase's absolute weights sum to at most the exactness bound.</summary>
    private static bool TableIsNarrow(ReadOnlySpan<int> table)
    {
        for (int f = 0; f < 256; f++)
        {
            long sum = 0;
            foreach (int w in table.Slice(6 * f, 6))
            {
                if (w is < short.MinValue or > short.MaxValue)
                {
                    return false;
                }

                sum += Math.Abs(w);
            }

            if (sum > WidePasses.MaxAbsoluteSum)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// This thread's plan for the geometry from a small most-recently-used cache (a frame's planes reuse one or two
    /// plans), built on first use; false for a Lanczos table beyond the fast paths' bounds. A cached plan matches only
    /// an equal table, which was checked when the plan was built, so the check runs once per table.
    /// </summary>
    private static bool TryPlan<TPlan>([NotNullWhen(true)] ref TPlan? plan, int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> table)
        where TPlan : class, IScalePlan<TPlan>
    {
        TPlan?[] plans = PlanCache<TPlan>();
        for (int k = 0; k < plans.Length; k++)
        {
            TPlan? cached = plans[k];
            if (cached is not null && cached.Matches(srcWidth, dstWidth, channels, taps, table))
            {
                // Move to the front so the least recently used plan is the one replaced.
                plans.AsSpan(0, k).CopyTo(plans.AsSpan(1));
                plans[0] = plan = cached;
                return true;
            }
        }

        if (taps == 6 && !TableIsNarrow(table))
        {
            return false;
        }

        plan = TPlan.Build(srcWidth, dstWidth, channels, taps, table);
        plans.AsSpan(0, plans.Length - 1).CopyTo(plans.AsSpan(1));
        plans[0] = plan;
        return true;
    }

    private static TPlan?[] PlanCache<TPlan>()
        where TPlan : class, IScalePlan<TPlan> =>
        typeof(TPlan) == typeof(HorizontalPlan)
            ? (TPlan?[])(object)(t_plans ??= new HorizontalPlan?[CachedPlans])
            : (TPlan?[])(object)(t_lanePlans ??= new LanePlan?[CachedPlans]);

    private static byte[] Rows(int bytes)
    {
        byte[]? rows = t_rows;
        if (rows is null || rows.Length < bytes)
        {
            t_rows = rows = GC.AllocateUninitializedArray<byte>(Math.Max(bytes, 64 * 1024), pinned: true);
        }

        return rows;
    }
}
