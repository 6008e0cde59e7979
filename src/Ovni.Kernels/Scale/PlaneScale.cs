// Why: CPU twins of native/kernels/scale.cu: resizing 8-bit planes (Y, U, V, NV12 chroma, RGBA) with
// fixed-point weights so that the CPU and the GPU produce identical pixels.
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Resizes a plane of <c>channels</c> interleaved 8-bit samples per pixel (1 for Y/U/V, 2 for NV12 chroma,
/// 4 for RGBA), bit-exact twins of <c>native/kernels/scale.cu</c>. Sampling grids are centre-aligned:
/// src = (dst + 0.5) * srcSize / dstSize - 0.5, computed exactly in 1/256 pixel as
/// ((2*dst + 1) * srcSize * 256) / (2*dstSize) - 128 with integer division; taps outside the source repeat the
/// edge. Bilinear uses 8-bit weights and rounds once, (top*(256-fy) + bottom*fy + 32768) &gt;&gt; 16.
/// Bicubic is Catmull-Rom (Keys, a = -0.5) with 14-bit weights per axis that sum to exactly 16384,
/// horizontal then vertical in 64-bit, rounded and clamped to 0..255. Neither filter widens for downscaling:
/// for reductions beyond 2x they alias (use <see cref="ScalePlaneArea"/>). Area is the exact coverage-weighted
/// mean of the source pixels under each destination pixel (integer overlaps, 64-bit sums, rounded division).
/// Work buffers come from ArrayPool (no steady-state allocation).
/// </summary>
public static unsafe class PlaneScale
{
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
        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, bicubic: false);

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
        Run(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, bicubic: true);

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
        long total = (long)srcWidth * srcHeight;
        Span<long> sums = stackalloc long[4];
        for (int y = 0; y < dstHeight; y++)
        {
            long yLo = (long)y * srcHeight, yHi = yLo + srcHeight;
            int j0 = (int)(yLo / dstHeight), j1 = (int)((yHi + dstHeight - 1) / dstHeight);
            byte* output = dst + (nint)y * pitchDst;
            for (int x = 0; x < dstWidth; x++)
            {
                long xLo = (long)x * srcWidth, xHi = xLo + srcWidth;
                int i0 = (int)(xLo / dstWidth), i1 = (int)((xHi + dstWidth - 1) / dstWidth);
                sums.Clear();
                for (int j = j0; j < j1; j++)
                {
                    byte* row = src + (nint)j * pitchSrc;
                    long wy = Overlap(j, dstHeight, yLo, yHi);
                    for (int i = i0; i < i1; i++)
                    {
                        long w = wy * Overlap(i, dstWidth, xLo, xHi);
                        byte* p = row + (i * channels);
                        for (int ch = 0; ch < channels; ch++)
                        {
                            sums[ch] += w * p[ch];
                        }
                    }
                }

                for (int ch = 0; ch < channels; ch++)
                {
                    output[(x * channels) + ch] = (byte)((sums[ch] + (total / 2)) / total);
                }
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
    // of every destination column; per destination row, the vertical combination of 2 or 4 cached H rows in
    // SIMD. Each source row's H is computed once and reused by all destination rows that need it.
    private static void Run(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, bool bicubic)
    {
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Size(dstWidth, dstHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        PlaneArguments.Plane(src, pitchSrc, (long)srcWidth * channels, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, (long)dstWidth * channels, nameof(dst));
        int taps = bicubic ? 4 : 2;
        int rowLength = dstWidth * channels;
        int[] columnOffsets = ArrayPool<int>.Shared.Rent(dstWidth * taps);
        int[] columnWeights = ArrayPool<int>.Shared.Rent(dstWidth * taps);
        int[] cache = ArrayPool<int>.Shared.Rent(4 * rowLength);
        Span<int> cachedRows = [-1, -1, -1, -1];
        Span<int> rowWeights = stackalloc int[4];
        Span<int> slots = stackalloc int[4];
        try
        {
            for (int x = 0; x < dstWidth; x++)
            {
                int px = SourcePosition(x, srcWidth, dstWidth), sx = px >> 8;
                FilterWeights(px & 255, bicubic, columnWeights.AsSpan(x * taps, taps));
                for (int t = 0; t < taps; t++)
                {
                    columnOffsets[(x * taps) + t] = Math.Clamp(sx - (taps / 2) + 1 + t, 0, srcWidth - 1) * channels;
                }
            }

            for (int y = 0; y < dstHeight; y++)
            {
                int py = SourcePosition(y, srcHeight, dstHeight), sy = py >> 8;
                FilterWeights(py & 255, bicubic, rowWeights[..taps]);
                for (int t = 0; t < taps; t++)
                {
                    int row = Math.Clamp(sy - (taps / 2) + 1 + t, 0, srcHeight - 1);
                    slots[t] = CachedRow(row, slots[..t], cachedRows, cache, rowLength, src + (nint)row * pitchSrc, columnOffsets, columnWeights, taps, dstWidth, channels);
                }

                byte* output = dst + (nint)y * pitchDst;
                fixed (int* h = cache)
                {
                    if (bicubic)
                    {
                        VerticalBicubic(h + (slots[0] * rowLength), h + (slots[1] * rowLength), h + (slots[2] * rowLength), h + (slots[3] * rowLength),
                            rowWeights, output, rowLength);
                    }
                    else
                    {
                        VerticalBilinear(h + (slots[0] * rowLength), h + (slots[1] * rowLength), rowWeights[1], output, rowLength);
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

    /// <summary>Bilinear: (256 - f, f). Bicubic: the 4 Catmull-Rom weights.</summary>
    private static void FilterWeights(int f, bool bicubic, Span<int> weights)
    {
        if (bicubic)
        {
            CubicWeights(f, out weights[0], out weights[1], out weights[2], out weights[3]);
        }
        else
        {
            weights[0] = 256 - f;
            weights[1] = f;
        }
    }

    /// <summary>Slot (0..3) holding the horizontal sums of source row `row`, computing them into a slot not in use.</summary>
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
        for (int s = 0; s < 4; s++)
        {
            if (!inUse.Contains(s) && (slot < 0 || cachedRows[s] < cachedRows[slot]))
            {
                slot = s;
            }
        }

        cachedRows[slot] = row;
        Span<int> h = cache.AsSpan(slot * rowLength, rowLength);
        for (int x = 0; x < dstWidth; x++)
        {
            int t0 = x * taps;
            for (int ch = 0; ch < channels; ch++)
            {
                int sum = 0;
                for (int t = 0; t < taps; t++)
                {
                    sum += columnWeights[t0 + t] * source[columnOffsets[t0 + t] + ch];
                }

                h[(x * channels) + ch] = sum;
            }
        }

        return slot;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalBicubic(int* h0, int* h1, int* h2, int* h3, ReadOnlySpan<int> w, byte* output, int length)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<long> w0 = Vector256.Create((long)w[0]), w1 = Vector256.Create((long)w[1]), w2 = Vector256.Create((long)w[2]), w3 = Vector256.Create((long)w[3]);
            Vector256<long> round = Vector256.Create(1L << 27);
            Vector256<int> max = Vector256.Create(255);
            for (; i <= length - 8; i += 8)
            {
                (Vector256<long> a0, Vector256<long> b0) = Vector256.Widen(Vector256.Load(h0 + i));
                (Vector256<long> a1, Vector256<long> b1) = Vector256.Widen(Vector256.Load(h1 + i));
                (Vector256<long> a2, Vector256<long> b2) = Vector256.Widen(Vector256.Load(h2 + i));
                (Vector256<long> a3, Vector256<long> b3) = Vector256.Widen(Vector256.Load(h3 + i));
                Vector256<long> lo = (a0 * w0) + (a1 * w1) + (a2 * w2) + (a3 * w3) + round;
                Vector256<long> hi = (b0 * w0) + (b1 * w1) + (b2 * w2) + (b3 * w3) + round;
                Vector256<int> result = Vector256.Narrow(Vector256.ShiftRightArithmetic(lo, 28), Vector256.ShiftRightArithmetic(hi, 28));
                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(VectorLoads.Clamp(result, max)));
            }
        }

        for (; i < length; i++)
        {
            long acc = ((long)w[0] * h0[i]) + ((long)w[1] * h1[i]) + ((long)w[2] * h2[i]) + ((long)w[3] * h3[i]);
            output[i] = (byte)Math.Clamp((int)((acc + (1L << 27)) >> 28), 0, 255);
        }
    }
}
