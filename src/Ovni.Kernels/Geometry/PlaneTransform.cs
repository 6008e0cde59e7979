// Why: CPU twin of native/kernels/transform.cu (affine resample of one plane), plus the one place that turns a
// transform into each plane's Q16 destination -> source map, so the CPU and CUDA paths sample identically.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// Affine resampling of 8-bit planes with bilinear interpolation, bit-exact twin of <c>ovni_transform_plane</c>.
/// The map gives, for destination sample (x, y), the source position in sample-index space (integers are sample
/// centres) as sx = m00·x + m01·y + m02, sy = m10·x + m11·y + m12 in Q16 fixed point, evaluated in 64 bits and
/// rounded to 1/4096 (the bilinear weights have 12 bits).
/// Neighbours outside the source take the channel's fill value. Pitches in bytes; nothing is allocated.
/// </summary>
internal static unsafe class PlaneTransform
{
    /// <summary>One Q16 fixed-point unit (1.0).</summary>
    public const int One = 1 << 16;

    /// <summary>Resamples every destination row; see <see cref="TransformPlaneRows"/>.</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="dst">Destination plane (must not overlap the source).</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="channels">Interleaved 8-bit channels per pixel (1 to 4).</param>
    /// <param name="map">Q16 destination -> source map, from <see cref="MapFor"/>.</param>
    /// <param name="fill">Value of each channel outside the source (index = channel).</param>
    public static void TransformPlane(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, in AffineMapQ16 map, ReadOnlySpan<int> fill) =>
        TransformPlaneRows(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, map, fill, 0, dstHeight);

    /// <summary>Resamples destination rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>), for row bands.</summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width in pixels.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="dst">Destination plane.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="dstWidth">Destination width in pixels.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="channels">Interleaved channels (1 to 4).</param>
    /// <param name="map">Q16 destination -> source map.</param>
    /// <param name="fill">Per-channel fill values.</param>
    /// <param name="rowStart">First destination row.</param>
    /// <param name="rowEnd">Destination row after the last.</param>
    public static void TransformPlaneRows(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int dstWidth, int dstHeight, int channels, in AffineMapQ16 map, ReadOnlySpan<int> fill, int rowStart, int rowEnd)
    {
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Size(dstWidth, dstHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        if (fill.Length < channels) throw new ArgumentException($"Need {channels} fill values, got {fill.Length}.", nameof(fill));
        PlaneArguments.Plane(src, pitchSrc, (long)srcWidth * channels, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, (long)dstWidth * channels, nameof(dst));
        rowEnd = Math.Min(rowEnd, dstHeight);
        for (int y = Math.Max(0, rowStart); y < rowEnd; y++)
        {
            byte* row = dst + (long)y * pitchDst;
            // + 8 rounds each position to the nearest 1/4096 before it splits into index and 12-bit weight.
            long sx = (long)map.M01 * y + map.M02 + 8, sy = (long)map.M11 * y + map.M12 + 8;
            long sxEnd = sx + (long)map.M00 * dstWidth, syEnd = sy + (long)map.M10 * dstWidth;
            // Eight pixels at a time (AVX2 gathers), else four (128-bit lanes, scalar loads), while the row's positions fit
            // 32 bits (always, short of extreme zoom-outs).
            bool vector = Vector128.IsHardwareAccelerated && Fits32(sx) && Fits32(sy) && Fits32(sxEnd) && Fits32(syEnd)
                && (long)srcHeight * pitchSrc < int.MaxValue;
            int step = Avx2.IsSupported ? 8 : 4, x = 0;
            while (x < dstWidth)
            {
                int count = Math.Min(step, dstWidth - x);
                bool done = vector && count == step && (Avx2.IsSupported
                    ? GatherEight(src, pitchSrc, srcWidth, srcHeight, channels, row + x * channels, (int)sx, (int)sy, map.M00, map.M10)
                    : GatherFour(src, pitchSrc, srcWidth, srcHeight, channels, row + x * channels, (int)sx, (int)sy, map.M00, map.M10));
                if (!done)
                {
                    for (int k = 0; k < count; k++)
                        Pixel(src, pitchSrc, srcWidth, srcHeight, channels, row + (x + k) * channels, sx + (long)k * map.M00, sy + (long)k * map.M10, fill);
                }
                x += count;
                sx += (long)step * map.M00;
                sy += (long)step * map.M10;
            }
        }
    }

    private static bool Fits32(long value) => value is > int.MinValue / 2 and < int.MaxValue / 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pixel(byte* src, int pitchSrc, int srcWidth, int srcHeight, int channels, byte* output, long sx, long sy, ReadOnlySpan<int> fill)
    {
        long x0 = sx >> 16, y0 = sy >> 16;
        int fx = (int)((sx >> 4) & 4095), fy = (int)((sy >> 4) & 4095);
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < srcWidth && y0 + 1 < srcHeight)
        {
            byte* p0 = src + y0 * pitchSrc + x0 * channels;
            byte* p1 = p0 + pitchSrc;
            for (int c = 0; c < channels; c++)
                output[c] = Mix(p0[c], p0[c + channels], p1[c], p1[c + channels], fx, fy);
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            int f = fill[c];
            output[c] = Mix(Tap(src, pitchSrc, srcWidth, srcHeight, channels, x0, y0, c, f),
                Tap(src, pitchSrc, srcWidth, srcHeight, channels, x0 + 1, y0, c, f),
                Tap(src, pitchSrc, srcWidth, srcHeight, channels, x0, y0 + 1, c, f),
                Tap(src, pitchSrc, srcWidth, srcHeight, channels, x0 + 1, y0 + 1, c, f), fx, fy);
        }
    }

    // Eight destination pixels whose four neighbours all lie inside the source (else false: the caller goes scalar).
    // Each 32-bit gather reads bytes [x0*ch + c, x0*ch + c + 3]; x0 + 3 < width keeps that inside the row. The blend
    // is the scalar one in unsigned 32 bits, which cannot overflow: 255 * 4096 * 4096 + 2^23 < 2^32.
    private static bool GatherEight(byte* src, int pitch, int width, int height, int channels, byte* output, int sx, int sy, int m00, int m10)
    {
        Vector256<int> lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Vector256<int> rx = Vector256.Create(sx) + lane * m00, ry = Vector256.Create(sy) + lane * m10;
        Vector256<int> x0 = Vector256.ShiftRightArithmetic(rx, 16), y0 = Vector256.ShiftRightArithmetic(ry, 16);
        Vector256<int> outside = Vector256.LessThan(x0, Vector256<int>.Zero) | Vector256.LessThan(y0, Vector256<int>.Zero)
            | Vector256.GreaterThanOrEqual(x0 + Vector256.Create(3), Vector256.Create(width))
            | Vector256.GreaterThanOrEqual(y0 + Vector256<int>.One, Vector256.Create(height));
        if (outside != Vector256<int>.Zero) return false;
        Vector256<uint> fx = (Vector256.ShiftRightArithmetic(rx, 4) & Vector256.Create(4095)).AsUInt32();
        Vector256<uint> fy = (Vector256.ShiftRightArithmetic(ry, 4) & Vector256.Create(4095)).AsUInt32();
        Vector256<uint> gx = Vector256.Create(4096u) - fx, gy = Vector256.Create(4096u) - fy;
        Vector256<int> address = y0 * pitch + x0 * channels;
        Vector256<uint> low = Vector256.Create(255u);
        int* values = stackalloc int[8];
        for (int c = 0; c < channels; c++)
        {
            Vector256<uint> top = Avx2.GatherVector256((int*)(src + c), address, 1).AsUInt32();
            Vector256<uint> bottom = Avx2.GatherVector256((int*)(src + pitch + c), address, 1).AsUInt32();
            Vector256<uint> p01, p11;
            if (channels < 4)
            {
                p01 = Vector256.ShiftRightLogical(top, 8 * channels) & low;
                p11 = Vector256.ShiftRightLogical(bottom, 8 * channels) & low;
            }
            else
            {
                p01 = Avx2.GatherVector256((int*)(src + c + 4), address, 1).AsUInt32() & low;
                p11 = Avx2.GatherVector256((int*)(src + pitch + c + 4), address, 1).AsUInt32() & low;
            }
            Vector256<uint> upper = (top & low) * gx + p01 * fx;
            Vector256<uint> lower = (bottom & low) * gx + p11 * fx;
            Vector256<uint> value = Vector256.ShiftRightLogical(upper * gy + lower * fy + Vector256.Create(1u << 23), 24);
            if (channels == 1)
            {
                Vector128<ushort> words = Vector128.Narrow(value.GetLower(), value.GetUpper());
                *(ulong*)output = Vector128.Narrow(words, words).AsUInt64().ToScalar();
                continue;
            }
            value.AsInt32().Store(values);
            for (int k = 0; k < 8; k++)
                output[k * channels + c] = (byte)values[k];
        }
        return true;
    }

    // GatherEight for 128-bit units (ARM NEON, x86 without AVX2): four pixels, the same integers; positions, weights and
    // the blend in vector lanes, the neighbours read with scalar loads (no gather instruction there).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool GatherFour(byte* src, int pitch, int width, int height, int channels, byte* output, int sx, int sy, int m00, int m10)
    {
        Vector128<int> lane = Vector128.Create(0, 1, 2, 3);
        Vector128<int> rx = Vector128.Create(sx) + lane * m00, ry = Vector128.Create(sy) + lane * m10;
        Vector128<int> x0 = Vector128.ShiftRightArithmetic(rx, 16), y0 = Vector128.ShiftRightArithmetic(ry, 16);
        Vector128<int> outside = Vector128.LessThan(x0, Vector128<int>.Zero) | Vector128.LessThan(y0, Vector128<int>.Zero)
            | Vector128.GreaterThanOrEqual(x0 + Vector128.Create(3), Vector128.Create(width))
            | Vector128.GreaterThanOrEqual(y0 + Vector128<int>.One, Vector128.Create(height));
        if (outside != Vector128<int>.Zero) return false;
        Vector128<uint> fx = (Vector128.ShiftRightArithmetic(rx, 4) & Vector128.Create(4095)).AsUInt32();
        Vector128<uint> fy = (Vector128.ShiftRightArithmetic(ry, 4) & Vector128.Create(4095)).AsUInt32();
        Vector128<uint> gx = Vector128.Create(4096u) - fx, gy = Vector128.Create(4096u) - fy;
        Vector128<int> address = y0 * pitch + x0 * channels;
        byte* a0 = src + address.GetElement(0), a1 = src + address.GetElement(1), a2 = src + address.GetElement(2), a3 = src + address.GetElement(3);
        Vector128<uint> low = Vector128.Create(255u);
        for (int c = 0; c < channels; c++)
        {
            // Bytes [c, c + 3] of each neighbour pair: p00 in byte 0 and, below 4 channels, p01 in byte `channels`.
            Vector128<uint> top = Vector128.Create(Load(a0 + c), Load(a1 + c), Load(a2 + c), Load(a3 + c));
            Vector128<uint> bottom = Vector128.Create(Load(a0 + pitch + c), Load(a1 + pitch + c), Load(a2 + pitch + c), Load(a3 + pitch + c));
            Vector128<uint> p01, p11;
            if (channels < 4)
            {
                p01 = Vector128.ShiftRightLogical(top, 8 * channels) & low;
                p11 = Vector128.ShiftRightLogical(bottom, 8 * channels) & low;
            }
            else
            {
                p01 = Vector128.Create(a0[c + 4], a1[c + 4], a2[c + 4], (uint)a3[c + 4]);
                p11 = Vector128.Create(a0[pitch + c + 4], a1[pitch + c + 4], a2[pitch + c + 4], (uint)a3[pitch + c + 4]);
            }
            Vector128<uint> upper = (top & low) * gx + p01 * fx;
            Vector128<uint> lower = (bottom & low) * gx + p11 * fx;
            Vector128<uint> value = Vector128.ShiftRightLogical(upper * gy + lower * fy + Vector128.Create(1u << 23), 24);
            if (channels == 1)
            {
                Unsafe.WriteUnaligned(output, VectorLoads.ToBytes4(value.AsInt32()));
                continue;
            }
            for (int k = 0; k < 4; k++)
                output[k * channels + c] = (byte)value.GetElement(k);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load(byte* p) => Unsafe.ReadUnaligned<uint>(p);

    /// <summary>
    /// The Q16 destination -> source map of one plane for a forward transform given in continuous luma-pixel
    /// coordinates (pixel (0, 0) spans [0, 1]²): <paramref name="inverse"/> maps a destination position to its source
    /// position. Planes subsampled by 2^<paramref name="log2SubX"/> x 2^<paramref name="log2SubY"/> get the map of
    /// their own sample grid (chroma sample j covers luma positions [2j, 2j + 2)).
    /// </summary>
    /// <param name="inverse">Destination -> source affine map, row-major [a, b, c, d, e, f]: (x, y) -> (a x + b y + c, d x + e y + f).</param>
    /// <param name="log2SubX">Horizontal subsampling of the plane (0 or 1).</param>
    /// <param name="log2SubY">Vertical subsampling of the plane (0 or 1).</param>
    public static AffineMapQ16 MapFor(ReadOnlySpan<double> inverse, int log2SubX, int log2SubY)
    {
        if (inverse.Length != 6) throw new ArgumentException("An affine map has six coefficients.", nameof(inverse));
        double kx = 1 << log2SubX, ky = 1 << log2SubY;
        // Plane index i sits at continuous luma coordinate (i + 0.5) * k; source index = coordinate / k - 0.5.
        double a = inverse[0], b = inverse[1], c = inverse[2], d = inverse[3], e = inverse[4], f = inverse[5];
        double m00 = a, m01 = b * ky / kx, m10 = d * kx / ky, m11 = e;
        double m02 = (a * 0.5 * kx + b * 0.5 * ky + c) / kx - 0.5;
        double m12 = (d * 0.5 * kx + e * 0.5 * ky + f) / ky - 0.5;
        return new AffineMapQ16(Q16(m00), Q16(m01), Q16(m02), Q16(m10), Q16(m11), Q16(m12));
    }

    private static int Q16(double value)
    {
        double scaled = Math.Round(value * One, MidpointRounding.AwayFromZero);
        if (!(Math.Abs(scaled) <= int.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Transform coefficient out of range (|value| must stay below 32768).");
        return (int)scaled;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Tap(byte* src, int pitch, int width, int height, int channels, long x, long y, int channel, int fill) =>
        x < 0 || y < 0 || x >= width || y >= height ? fill : src[y * pitch + x * channels + channel];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Mix(int p00, int p01, int p10, int p11, int fx, int fy)
    {
        long top = p00 * (4096 - fx) + p01 * fx;
        long bottom = p10 * (4096 - fx) + p11 * fx;
        return (byte)((top * (4096 - fy) + bottom * fy + (1 << 23)) >> 24);
    }
}
