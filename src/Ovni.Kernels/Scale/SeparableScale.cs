// Why: the fast path of the bilinear, bicubic and Lanczos-3 twins at every SIMD tier. Horizontal pass per source row
// into a small ring of cached rows, vertical pass per output row, with the horizontal plan (offsets, weights, shuffle
// controls) and the row buffers kept per thread, so a frame neither allocates nor rebuilds tables. AVX-512 (BW + VBMI)
// gathers 16 or 32 outputs per 64-byte permute (HorizontalPlan); AVX2 and 128-bit units (x86 SSE, ARM NEON) gather 8
// outputs per 16-byte shuffle (LanePlan). Same integers as the portable path and the CUDA kernels on every tier; only
// the order of exact sums differs.
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

    /// <summary>
    /// Resizes destination rows [rowStart, rowEnd) when the fast path applies (hardware, and for Lanczos a table
    /// within <see cref="WidePasses"/>' exactness bounds); false leaves the work to the portable path.
    /// </summary>
    public static bool TryRun(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, int taps, ReadOnlySpan<int> table, int rowStart, int rowEnd)
    {
        if (!IsSupported || (taps == 6 && !TableIsNarrow(table)))
        {
            return false;
        }

        bool wide = IsWideSupported && !LanesOnly;
        HorizontalPlan? plan = wide ? Plan(srcWidth, dstWidth, channels, taps, table) : null;
        LanePlan? lanePlan = wide ? null : LanePlanFor(srcWidth, dstWidth, channels, taps, table);
        int rowLength = dstWidth * channels;
        int sampleBytes = taps == 6 ? 4 : 2;
        int rowBytes = ((rowLength * sampleBytes) + 63) & ~63;
        byte[] buffer = Rows((taps * rowBytes) + 64);
        Span<int> cachedRows = stackalloc int[taps];
        cachedRows.Fill(-1);
        Span<int> rowWeights = stackalloc int[taps];
        Span<int> slots = stackalloc int[taps];
        void** rows = stackalloc void*[taps];
        int first = 1 - (taps / 2);
        fixed (byte* pinned = buffer)
        {
            byte* cache = (byte*)(((nint)pinned + 63) & ~(nint)63);
            for (int y = rowStart; y < rowEnd; y++)
            {
                int py = PlaneScale.SourcePosition(y, srcHeight, dstHeight), sy = py >> 8;
                PlaneScale.FilterWeights(py & 255, taps, table, rowWeights);
                for (int t = 0; t < taps; t++)
                {
                    int row = Math.Clamp(sy + first + t, 0, srcHeight - 1);
                    int slot = cachedRows.IndexOf(row);
                    if (slot < 0)
                    {
                        slot = Evict(cachedRows, slots[..t]);
                        cachedRows[slot] = row;
                        byte* source = src + ((nint)row * pitchSrc), target = cache + ((nint)slot * rowBytes);
                        if (lanePlan is not null)
                        {
                            LaneHorizontal.Run(lanePlan, source, row + 1 < srcHeight ? source + pitchSrc : null, target);
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
                        CubicPasses.Vertical((short**)rows, rowWeights, output, rowLength);
                    }
                    else
                    {
                        CubicPasses.VerticalLanes((short**)rows, rowWeights, output, rowLength);
                    }
                }
                else if (wide)
                {
                    WidePasses.Vertical((int**)rows, rowWeights, output, rowLength);
                }
                else
                {
                    WidePasses.VerticalLanes((int**)rows, rowWeights, output, rowLength);
                }
            }
        }

        return true;
    }

    /// <summary>Rows are requested in increasing order: reuse the slot of the lowest cached row not in use now.</summary>
    private static int Evict(ReadOnlySpan<int> cachedRows, ReadOnlySpan<int> inUse)
    {
        int slot = -1;
        for (int s = 0; s < cachedRows.Length; s++)
        {
            if (!inUse.Contains(s) && (slot < 0 || cachedRows[s] < cachedRows[slot]))
            {
                slot = s;
            }
        }

        return slot;
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

    /// <summary>This thread's AVX-512 plan for the geometry, built on first use.</summary>
    private static HorizontalPlan Plan(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> table) =>
        Cached(t_plans ??= new HorizontalPlan?[CachedPlans], srcWidth, dstWidth, channels, taps, table);

    /// <summary>This thread's AVX2/128-bit plan for the geometry, built on first use.</summary>
    private static LanePlan LanePlanFor(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> table) =>
        Cached(t_lanePlans ??= new LanePlan?[CachedPlans], srcWidth, dstWidth, channels, taps, table);

    /// <summary>The plan for the geometry from a small most-recently-used cache (a frame's planes reuse one or two plans).</summary>
    private static TPlan Cached<TPlan>(TPlan?[] plans, int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> table)
        where TPlan : class, IScalePlan<TPlan>
    {
        for (int k = 0; k < plans.Length; k++)
        {
            TPlan? plan = plans[k];
            if (plan is not null && plan.Matches(srcWidth, dstWidth, channels, taps, table))
            {
                // Move to the front so the least recently used plan is the one replaced.
                plans.AsSpan(0, k).CopyTo(plans.AsSpan(1));
                plans[0] = plan;
                return plan;
            }
        }

        TPlan built = TPlan.Build(srcWidth, dstWidth, channels, taps, table);
        plans.AsSpan(0, plans.Length - 1).CopyTo(plans.AsSpan(1));
        plans[0] = built;
        return built;
    }

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
