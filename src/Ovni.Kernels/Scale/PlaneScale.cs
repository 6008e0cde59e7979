// Why: CPU twins of native/kernels/scale.cu: resizing 8-bit planes (Y, U, V, NV12 chroma, RGBA) with
// fixed-point weights so that the CPU and the GPU produce identical pixels.
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// Resizes a plane of <c>channels</c> interleaved 8-bit samples per pixel (1 for Y/U/V, 2 for NV12 chroma,
/// 4 for RGBA), bit-exact twins of <c>native/kernels/scale.cu</c>. Sampling grids are centre-aligned:
/// src = (dst + 0.5) * srcSize / dstSize - 0.5, computed exactly in 1/256 pixel as
/// ((2*dst + 1) * srcSize * 256) / (2*dstSize) - 128 with integer division; taps outside the source repeat the
/// edge. Bilinear uses 8-bit weights and rounds once, (top*(256-fy) + bottom*fy + 32768) &gt;&gt; 16.
/// Bicubic is Catmull-Rom (Keys, a = -0.5) with 14-bit weights per axis that sum to exactly 16384; each horizontal
/// sum h is rounded to 1/128 of a code value, (h + 64) &gt;&gt; 7, then the vertical sum (32-bit) is rounded by 2^21 and
/// clamped to 0..255 (the intermediate fits 16-bit SIMD lanes; within one code value of the unrounded result).
/// Lanczos-3 sums horizontal then vertical exactly (64-bit) and rounds once. Neither filter widens for downscaling:
/// for reductions beyond 2x they alias (use <see cref="ScalePlaneArea"/>). Area is the exact coverage-weighted
/// mean of the source pixels under each destination pixel (integer overlaps, 64-bit sums, rounded division).
/// Bilinear, bicubic and Lanczos-3 compute the same integers on every SIMD tier through <see cref="SeparableScale"/>
/// (64-byte permutes on AVX-512 VBMI, 16-byte shuffles on AVX2 and 128-bit units such as ARM NEON) with per-thread
/// cached plans; the portable path remains for machines without vector units and tables beyond the fast paths' bounds.
/// Work buffers come from ArrayPool or are kept per thread (no steady-state allocation).
/// </summary>
internal static unsafe class PlaneScale
{
    /// <summary>Bicubic rounds its horizontal sums to 1/128 of a code value: (h + 64) &gt;&gt; 7.</summary>
    internal const int CubicShift = 7;

    /// <summary>Rounding half of <see cref="CubicShift"/>.</summary>
    internal const int CubicHalf = 1 << (CubicShift - 1);

    [ThreadStatic]
    private static bool t_forcePortable;

    /// <summary>Bilinear resize.</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    public static void ScalePlaneBilinear(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels) =>
        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, 2, default, 0, dstHeight);

    /// <summary>Bilinear resize of destination rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) only (for row bands on several threads).</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="rowStart">First destination row to produce.</param>
    /// <param name="rowEnd">One past the last destination row to produce.</param>
    public static void ScalePlaneBilinearRows(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, int rowStart, int rowEnd) =>
        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, 2, default, rowStart, rowEnd);

    /// <summary>Bicubic (Catmull-Rom) resize.</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    public static void ScalePlaneBicubic(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels) =>
        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, 4, default, 0, dstHeight);

    /// <summary>Bicubic resize of destination rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) only (for row bands on several threads).</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="rowStart">First destination row to produce.</param>
    /// <param name="rowEnd">One past the last destination row to produce.</param>
    public static void ScalePlaneBicubicRows(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, int rowStart, int rowEnd) =>
        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, 4, default, rowStart, rowEnd);

    /// <summary>Lanczos-3 resize: 6 taps per axis with weights from <paramref name="table"/> (see <see cref="CreateLanczos3Table"/>).</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="table">256 x 6 weights (the same array the GPU kernel receives).</param>
    public static void ScalePlaneLanczos3(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, ReadOnlySpan<int> table) =>
        ScalePlaneLanczos3Rows(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, table, 0, dstHeight);

    /// <summary>Lanczos-3 resize of destination rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) only (for row bands on several threads).</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="table">256 x 6 weights (the same array the GPU kernel receives).</param>
    /// <param name="rowStart">First destination row to produce.</param>
    /// <param name="rowEnd">One past the last destination row to produce.</param>
    public static void ScalePlaneLanczos3Rows(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, ReadOnlySpan<int> table, int rowStart, int rowEnd)
    {
        if (table.Length != 256 * 6)
        {
            throw new ArgumentException("A Lanczos-3 table has 256 rows of 6 weights.", nameof(table));
        }

        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, 6, table, rowStart, rowEnd);
    }

    /// <summary>
    /// The Lanczos-3 weight table: row f (fraction f/256) holds the weights of taps sx-2 .. sx+3, each
    /// L(d) = sinc(d) * sinc(d/3) at d = tap - (sx + f/256), normalised and rounded to 1/16384; the tap at sx
    /// absorbs the rounding so every row sums to exactly 16384. Create once and reuse (GPU: upload once).
    /// </summary>
    /// <returns>1536 weights, row-major.</returns>
    public static int[] CreateLanczos3Table()
    {
        int[] table = new int[256 * 6];
        Span<double> real = stackalloc double[6];
        for (int f = 0; f < 256; f++)
        {
            double t = f / 256.0, sum = 0;
            for (int k = 0; k < 6; k++)
            {
                double d = k - 2 - t;
                real[k] = Math.Abs(d) >= 3 ? 0 : Sinc(d) * Sinc(d / 3);
                sum += real[k];
            }

            int total = 0;
            for (int k = 0; k < 6; k++)
            {
                table[(6 * f) + k] = (int)Math.Round(real[k] / sum * 16384, MidpointRounding.AwayFromZero);
                total += table[(6 * f) + k];
            }

            table[(6 * f) + 2] += 16384 - total;
        }

        return table;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>
    /// Area (box) resize for downscaling: in units of 1/dstSize source pixel, destination x covers
    /// [x*srcWidth, (x+1)*srcWidth) and source i covers [i*dstWidth, (i+1)*dstWidth) (same vertically); each source
    /// pixel weighs its overlap, and the result is (sum + total/2) / total with total = srcWidth * srcHeight.
    /// </summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source height in pixels.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination height in pixels.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    public static void ScalePlaneArea(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels)
    {
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Size(dstWidth, dstHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        PlaneArguments.Plane(src, pitchSrc, (long)srcWidth * channels, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, (long)dstWidth * channels, nameof(dst));
        // Separable and exact: the kernel's sum Σj wy Σi wx p is accumulated per destination row from each source
        // row's horizontal sums; only the final division rounds, so the order of the integer sums does not matter.
        long total = (long)srcWidth * srcHeight;
        int rowLength = dstWidth * channels;
        long[] accumulator = ArrayPool<long>.Shared.Rent(rowLength);
        int[] spans = ArrayPool<int>.Shared.Rent(2 * dstWidth);
        try
        {
            for (int x = 0; x < dstWidth; x++)
            {
                long xLo = (long)x * srcWidth, xHi = xLo + srcWidth;
                spans[2 * x] = (int)(xLo / dstWidth);
                spans[(2 * x) + 1] = (int)((xHi + dstWidth - 1) / dstWidth);
            }

            for (int y = 0; y < dstHeight; y++)
            {
                long yLo = (long)y * srcHeight, yHi = yLo + srcHeight;
                int j0 = (int)(yLo / dstHeight), j1 = (int)((yHi + dstHeight - 1) / dstHeight);
                Span<long> acc = accumulator.AsSpan(0, rowLength);
                acc.Clear();
                for (int j = j0; j < j1; j++)
                {
                    AccumulateAreaRow(src + (nint)j * pitchSrc, Overlap(j, dstHeight, yLo, yHi), spans, srcWidth, dstWidth, channels, acc);
                }

                // (acc + total/2) / total in double: both are exact integers below 2^53 and a non-integer quotient
                // below 256 is at least 1/total (> 2^-33) from an integer, so truncation equals integer division.
                byte* output = dst + (nint)y * pitchDst;
                double divisor = total;
                for (int i = 0; i < rowLength; i++)
                {
                    output[i] = (byte)(int)((acc[i] + (total / 2)) / divisor);
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(accumulator);
            ArrayPool<int>.Shared.Return(spans);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateAreaRow(byte* row, long rowWeight, int[] spans, int srcWidth, int dstWidth, int channels, Span<long> acc)
    {
        for (int x = 0; x < dstWidth; x++)
        {
            long xLo = (long)x * srcWidth, xHi = xLo + srcWidth;
            int i0 = spans[2 * x], i1 = spans[(2 * x) + 1];
            for (int ch = 0; ch < channels; ch++)
            {
                long h = 0;
                for (int i = i0; i < i1; i++)
                {
                    h += Overlap(i, dstWidth, xLo, xHi) * row[(i * channels) + ch];
                }

                acc[(x * channels) + ch] += rowWeight * h;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Overlap(long i, int dstSize, long lo, long hi) =>
        Math.Min((i + 1) * dstSize, hi) - Math.Max(i * dstSize, lo);

    /// <summary>Source position of destination sample d in 1/256 pixel (may be negative at the first sample).</summary>
    internal static int SourcePosition(int d, int srcSize, int dstSize) =>
        (int)(((long)((2 * d) + 1) * srcSize * 256) / (2L * dstSize)) - 128;

    /// <summary>Catmull-Rom weights of the 4 taps around fraction f/256, in 1/16384, summing to 16384.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CubicWeights(int f, out int w0, out int w1, out int w2, out int w3)
    {
        int t2 = f * f, t3 = t2 * f;
        w0 = (-t3 + (512 * t2) - (65536 * f) + 1024) >> 11;
        w2 = ((-3 * t3) + (1024 * t2) + (65536 * f) + 1024) >> 11;
        w3 = (t3 - (256 * t2) + 1024) >> 11;
        w1 = 16384 - w0 - w2 - w3;
    }

    // Separable evaluation in the kernel's exact order: per source row, the horizontal sums H (ints, unrounded)
    // of every destination column; per destination row, the vertical combination of the cached H rows.
    // Each source row's H is computed once and reused by all destination rows that need it. On every SIMD tier
    // SeparableScale does the same with narrower exact intermediates; this portable path is the fallback.
    // taps: 2 = bilinear, 4 = bicubic, 6 = Lanczos-3 (weights from table).
    private static void Run(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, int taps, ReadOnlySpan<int> table, int rowStart, int rowEnd)
    {
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Size(dstWidth, dstHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(rowStart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowEnd, dstHeight);
        PlaneArguments.Plane(src, pitchSrc, (long)srcWidth * channels, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, (long)dstWidth * channels, nameof(dst));
        if (rowStart >= rowEnd ||
            (!ForcePortable && SeparableScale.TryRun(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, taps, table, rowStart, rowEnd)))
        {
            return;
        }

        RunPortable(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, taps, table, rowStart, rowEnd);
    }

    /// <summary>Tests set this (per thread) to check the portable path against the vector ones on the same machine.</summary>
    internal static bool ForcePortable
    {
        get => t_forcePortable;
        set => t_forcePortable = value;
    }

    private static void RunPortable(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, int taps, ReadOnlySpan<int> table, int rowStart, int rowEnd)
    {
        int rowLength = dstWidth * channels;
        int[] columnOffsets = ArrayPool<int>.Shared.Rent(dstWidth * taps);
        int[] columnWeights = ArrayPool<int>.Shared.Rent(dstWidth * taps);
        int[] cache = ArrayPool<int>.Shared.Rent(taps * rowLength);
        Span<int> cachedRows = stackalloc int[taps];
        cachedRows.Fill(-1);
        Span<int> rowWeights = stackalloc int[taps];
        Span<int> slots = stackalloc int[taps];
        nint* rows = stackalloc nint[taps];
        int first = 1 - (taps / 2);
        try
        {
            for (int x = 0; x < dstWidth; x++)
            {
                int px = SourcePosition(x, srcWidth, dstWidth), sx = px >> 8;
                FilterWeights(px & 255, taps, table, columnWeights.AsSpan(x * taps, taps));
                for (int t = 0; t < taps; t++)
                {
                    columnOffsets[(x * taps) + t] = Math.Clamp(sx + first + t, 0, srcWidth - 1) * channels;
                }
            }

            fixed (int* h = cache)
            {
                for (int y = rowStart; y < rowEnd; y++)
                {
                    int py = SourcePosition(y, srcHeight, dstHeight), sy = py >> 8;
                    FilterWeights(py & 255, taps, table, rowWeights);
                    for (int t = 0; t < taps; t++)
                    {
                        int row = Math.Clamp(sy + first + t, 0, srcHeight - 1);
                        slots[t] = CachedRow(row, slots[..t], cachedRows, cache, rowLength, src + (nint)row * pitchSrc, columnOffsets, columnWeights, taps, dstWidth, channels);
                        rows[t] = (nint)(h + (slots[t] * rowLength));
                    }

                    byte* output = dst + (nint)y * pitchDst;
                    if (taps == 2)
                    {
                        VerticalBilinear((int*)rows[0], (int*)rows[1], rowWeights[1], output, rowLength);
                    }
                    else if (taps == 4)
                    {
                        VerticalCubic(rows, rowWeights, output, rowLength);
                    }
                    else
                    {
                        VerticalWide(rows, rowWeights, output, rowLength);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnOffsets);
            ArrayPool<int>.Shared.Return(columnWeights);
            ArrayPool<int>.Shared.Return(cache);
        }
    }

    /// <summary>Bilinear: (256 - f, f). Bicubic: the 4 Catmull-Rom weights. Lanczos-3: row f of the table.</summary>
    internal static void FilterWeights(int f, int taps, ReadOnlySpan<int> table, Span<int> weights)
    {
        if (taps == 6)
        {
            table.Slice(6 * f, 6).CopyTo(weights);
        }
        else if (taps == 4)
        {
            CubicWeights(f, out weights[0], out weights[1], out weights[2], out weights[3]);
        }
        else
        {
            weights[0] = 256 - f;
            weights[1] = f;
        }
    }

    /// <summary>Slot holding the horizontal sums of source row `row`, computing them into a slot not in use.</summary>
    private static int CachedRow(int row, ReadOnlySpan<int> inUse, Span<int> cachedRows, int[] cache, int rowLength, byte* source,
        int[] columnOffsets, int[] columnWeights, int taps, int dstWidth, int channels)
    {
        int slot = cachedRows.IndexOf(row);
        if (slot >= 0)
        {
            return slot;
        }

        // Rows are requested in increasing order: evict the lowest cached row that this output row does not use.
        slot = -1;
        for (int s = 0; s < cachedRows.Length; s++)
        {
            if (!inUse.Contains(s) && (slot < 0 || cachedRows[s] < cachedRows[slot]))
            {
                slot = s;
            }
        }

        cachedRows[slot] = row;
        fixed (int* hBase = cache, offsets = columnOffsets, weights = columnWeights)
        {
            HorizontalRow(source, hBase + (slot * rowLength), offsets, weights, taps, dstWidth, channels);
        }

        return slot;
    }

    /// <summary>H[x, ch] = Σ weights[x, t] * source[offsets[x, t] + ch]; pointers, no bounds checks in the hot loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalRow(byte* source, int* h, int* offsets, int* weights, int taps, int dstWidth, int channels)
    {
        if (channels == 1)
        {
            for (int x = 0; x < dstWidth; x++, offsets += taps, weights += taps)
            {
                int sum = 0;
                for (int t = 0; t < taps; t++)
                {
                    sum += weights[t] * source[offsets[t]];
                }

                h[x] = sum;
            }

            return;
        }

        for (int x = 0; x < dstWidth; x++, offsets += taps, weights += taps)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                int sum = 0;
                for (int t = 0; t < taps; t++)
                {
                    sum += weights[t] * source[offsets[t] + ch];
                }

                *h++ = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalBilinear(int* top, int* bottom, int fy, byte* output, int length)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<int> wTop = Vector256.Create(256 - fy), wBottom = Vector256.Create(fy), round = Vector256.Create(32768);
            for (; i <= length - 8; i += 8)
            {
                Vector256<int> sum = (Vector256.Load(top + i) * wTop) + (Vector256.Load(bottom + i) * wBottom) + round;
                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(Vector256.ShiftRightArithmetic(sum, 16)));
            }
        }

        for (; i < length; i++)
        {
            output[i] = (byte)(((top[i] * (256 - fy)) + (bottom[i] * fy) + 32768) >> 16);
        }
    }

    /// <summary>Bicubic: Σ w[t] * ((rows[t] + 64) &gt;&gt; 7) in 32-bit, rounded by 2^21 and clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalCubic(nint* rows, ReadOnlySpan<int> w, byte* output, int length)
    {
        int* r0 = (int*)rows[0], r1 = (int*)rows[1], r2 = (int*)rows[2], r3 = (int*)rows[3];
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<int> w0 = Vector256.Create(w[0]), w1 = Vector256.Create(w[1]), w2 = Vector256.Create(w[2]), w3 = Vector256.Create(w[3]);
            Vector256<int> half = Vector256.Create(CubicHalf), round = Vector256.Create(1 << 20), max = Vector256.Create(255);
            for (; i <= length - 8; i += 8)
            {
                Vector256<int> acc = round
                    + (w0 * Vector256.ShiftRightArithmetic(Vector256.Load(r0 + i) + half, CubicShift))
                    + (w1 * Vector256.ShiftRightArithmetic(Vector256.Load(r1 + i) + half, CubicShift))
                    + (w2 * Vector256.ShiftRightArithmetic(Vector256.Load(r2 + i) + half, CubicShift))
                    + (w3 * Vector256.ShiftRightArithmetic(Vector256.Load(r3 + i) + half, CubicShift));
                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(VectorLoads.Clamp(Vector256.ShiftRightArithmetic(acc, 21), max)));
            }
        }

        for (; i < length; i++)
        {
            int acc = (w[0] * ((r0[i] + CubicHalf) >> CubicShift)) + (w[1] * ((r1[i] + CubicHalf) >> CubicShift))
                + (w[2] * ((r2[i] + CubicHalf) >> CubicShift)) + (w[3] * ((r3[i] + CubicHalf) >> CubicShift));
            output[i] = (byte)Math.Clamp((acc + (1 << 20)) >> 21, 0, 255);
        }
    }

    /// <summary>Σ w[t] * rows[t] in 64-bit, rounded by 2^28 and clamped (Lanczos-3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalWide(nint* rows, ReadOnlySpan<int> w, byte* output, int length)
    {
        int taps = w.Length, i = 0;
        if (Avx2.IsSupported)
        {
            // vpmuldq: exact 32x32->64 products of the even lanes; the odd lanes are shifted down into even ones.
            // |acc >> 28| < 2^31, so the low 32 bits of a logical shift are the arithmetic shift's value.
            Vector256<long> round = Vector256.Create(1L << 27);
            Vector256<int> max = Vector256.Create(255);
            for (; i <= length - 8; i += 8)
            {
                Vector256<long> even = round, odd = round;
                for (int t = 0; t < taps; t++)
                {
                    Vector256<int> weight = Vector256.Create(w[t]);
                    Vector256<int> h = Vector256.Load((int*)rows[t] + i);
                    even += Avx2.Multiply(h, weight);
                    odd += Avx2.Multiply(Avx2.ShiftRightLogical(h.AsInt64(), 32).AsInt32(), weight);
                }

                Vector256<int> low = Avx2.ShiftRightLogical(even, 28).AsInt32();
                Vector256<int> high = Avx2.ShiftLeftLogical(Avx2.ShiftRightLogical(odd, 28), 32).AsInt32();
                Vector256<int> result = Avx2.Blend(low, high, 0b1010_1010);
                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(VectorLoads.Clamp(result, max)));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<long> round = Vector256.Create(1L << 27);
            Vector256<int> max = Vector256.Create(255);
            for (; i <= length - 8; i += 8)
            {
                Vector256<long> lo = round, hi = round;
                for (int t = 0; t < taps; t++)
                {
                    Vector256<long> weight = Vector256.Create((long)w[t]);
                    (Vector256<long> a, Vector256<long> b) = Vector256.Widen(Vector256.Load((int*)rows[t] + i));
                    lo += a * weight;
                    hi += b * weight;
                }

                Vector256<int> result = Vector256.Narrow(Vector256.ShiftRightArithmetic(lo, 28), Vector256.ShiftRightArithmetic(hi, 28));
                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(VectorLoads.Clamp(result, max)));
            }
        }

        for (; i < length; i++)
        {
            long acc = 1L << 27;
            for (int t = 0; t < taps; t++)
            {
                acc += (long)w[t] * ((int*)rows[t])[i];
            }

            output[i] = (byte)Math.Clamp((int)(acc >> 28), 0, 255);
        }
    }
}
