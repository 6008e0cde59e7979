// Why: CPU twins of native/kernels/scale.cu: resizing 8-bit planes (Y, U, V, NV12 chroma, RGBA) with
// fixed-point weights so that the CPU and the GPU produce identical pixels.
using System.Buffers;
using System.Runtime.CompilerServices;

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
/// Per-column positions come from a pooled buffer (no steady-state allocation).
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

    private static void Run(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, bool bicubic)
    {
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Size(dstWidth, dstHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        PlaneArguments.Plane(src, pitchSrc, (long)srcWidth * channels, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, (long)dstWidth * channels, nameof(dst));
        int[] positions = ArrayPool<int>.Shared.Rent(dstWidth);
        try
        {
            for (int x = 0; x < dstWidth; x++)
            {
                positions[x] = SourcePosition(x, srcWidth, dstWidth);
            }

            for (int y = 0; y < dstHeight; y++)
            {
                int py = SourcePosition(y, srcHeight, dstHeight);
                byte* output = dst + (nint)y * pitchDst;
                if (bicubic)
                {
                    BicubicRow(src, pitchSrc, srcWidth, srcHeight, py, positions, output, dstWidth, channels);
                }
                else
                {
                    BilinearRow(src, pitchSrc, srcWidth, srcHeight, py, positions, output, dstWidth, channels);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BilinearRow(byte* src, int pitchSrc, int srcWidth, int srcHeight, int py, int[] positions,
        byte* output, int dstWidth, int channels)
    {
        int sy = py >> 8, fy = py & 255;
        byte* r0 = src + (nint)Math.Clamp(sy, 0, srcHeight - 1) * pitchSrc;
        byte* r1 = src + (nint)Math.Clamp(sy + 1, 0, srcHeight - 1) * pitchSrc;
        int last = srcWidth - 1;
        for (int x = 0; x < dstWidth; x++)
        {
            int px = positions[x], sx = px >> 8, fx = px & 255;
            int i0 = Math.Clamp(sx, 0, last) * channels, i1 = Math.Clamp(sx + 1, 0, last) * channels;
            byte* o = output + (x * channels);
            for (int ch = 0; ch < channels; ch++)
            {
                int top = (r0[i0 + ch] * (256 - fx)) + (r0[i1 + ch] * fx);
                int bottom = (r1[i0 + ch] * (256 - fx)) + (r1[i1 + ch] * fx);
                o[ch] = (byte)(((top * (256 - fy)) + (bottom * fy) + 32768) >> 16);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BicubicRow(byte* src, int pitchSrc, int srcWidth, int srcHeight, int py, int[] positions,
        byte* output, int dstWidth, int channels)
    {
        int sy = py >> 8;
        CubicWeights(py & 255, out int wy0, out int wy1, out int wy2, out int wy3);
        byte* r0 = src + (nint)Math.Clamp(sy - 1, 0, srcHeight - 1) * pitchSrc;
        byte* r1 = src + (nint)Math.Clamp(sy, 0, srcHeight - 1) * pitchSrc;
        byte* r2 = src + (nint)Math.Clamp(sy + 1, 0, srcHeight - 1) * pitchSrc;
        byte* r3 = src + (nint)Math.Clamp(sy + 2, 0, srcHeight - 1) * pitchSrc;
        int last = srcWidth - 1;
        for (int x = 0; x < dstWidth; x++)
        {
            int px = positions[x], sx = px >> 8;
            CubicWeights(px & 255, out int wx0, out int wx1, out int wx2, out int wx3);
            int i0 = Math.Clamp(sx - 1, 0, last) * channels, i1 = Math.Clamp(sx, 0, last) * channels;
            int i2 = Math.Clamp(sx + 1, 0, last) * channels, i3 = Math.Clamp(sx + 2, 0, last) * channels;
            byte* o = output + (x * channels);
            for (int ch = 0; ch < channels; ch++)
            {
                long acc = ((long)wy0 * Taps(r0, i0, i1, i2, i3, ch, wx0, wx1, wx2, wx3))
                    + ((long)wy1 * Taps(r1, i0, i1, i2, i3, ch, wx0, wx1, wx2, wx3))
                    + ((long)wy2 * Taps(r2, i0, i1, i2, i3, ch, wx0, wx1, wx2, wx3))
                    + ((long)wy3 * Taps(r3, i0, i1, i2, i3, ch, wx0, wx1, wx2, wx3));
                o[ch] = (byte)Math.Clamp((int)((acc + (1L << 27)) >> 28), 0, 255);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Taps(byte* row, int i0, int i1, int i2, int i3, int ch, int w0, int w1, int w2, int w3) =>
        (w0 * row[i0 + ch]) + (w1 * row[i1 + ch]) + (w2 * row[i2 + ch]) + (w3 * row[i3 + ch]);
}
