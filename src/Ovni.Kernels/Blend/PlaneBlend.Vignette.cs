// Why: the vignette twin of ovni_vignette_plane, fast at every SIMD tier. Its two costs are the per-pixel quotient
// q = floor(r² * 256 / big) (a 64-bit division in the kernel) and the per-sample blend. The quotient is estimated in
// float32 and corrected exactly in wrapping int32 arithmetic, so it runs in 32-bit lanes on every tier (no 64-bit
// float-to-integer conversion, which AVX2 lacks); the blend ((v - c) * f + 128) >> 8 is one rounded multiply-high in
// 16-bit lanes: with a = (v - c) * 8 and b = f * 16, (a * b + 2^14) >> 15 = ((v - c) * f + 128) >> 8 exactly.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class PlaneBlend
{
    /// <summary>Planes whose width² + height² is below this take the vector quotient (wrapping int32 stays exact).</summary>
    private const long VectorQuotientLimit = 1L << 30;

    /// <summary>
    /// Vignette: pulls samples towards <paramref name="centre"/> with distance from the plane's centre. In half pixels
    /// nx = 2x+1-width, ny = 2y+1-height, q = (nx² + ny²) * 256 / (width² + height²) (integer division, 0..255),
    /// f = 256 - ((strength*q*q + 32768) &gt;&gt; 16), v = centre + (((v - centre) * f + 128) &gt;&gt; 8), clamped.
    /// Use centre 16 (limited) or 0 (full) on luma to darken the corners, 128 on chroma planes to desaturate them.
    /// </summary>
    /// <param name="plane">The plane, modified in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="width">Width in pixels of this plane.</param>
    /// <param name="height">Height in rows.</param>
    /// <param name="channels">Interleaved samples per pixel (1, or 2 for NV12 chroma).</param>
    /// <param name="centre">Value samples are pulled towards, 0..255.</param>
    /// <param name="strength">Reduction at the corners, 0..256 (clamped).</param>
    public static void VignettePlane(byte* plane, int pitch, int width, int height, int channels, int centre, int strength) =>
        VignettePlaneRowPairs(plane, pitch, width, height, channels, centre, strength, 0, (height + 1) / 2);

    /// <summary>
    /// <see cref="VignettePlane"/> for the row pairs [<paramref name="pairStart"/>, <paramref name="pairEnd"/>): pair i is
    /// rows i and height-1-i (one row for the middle of an odd height), which share their factors. Pairs are
    /// independent, so bands of them can run on separate threads; there are (height + 1) / 2 pairs.
    /// </summary>
    /// <param name="plane">8-bit plane, changed in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">Interleaved channels (1 to 4).</param>
    /// <param name="centre">Value the edges move towards.</param>
    /// <param name="strength">0..256.</param>
    /// <param name="pairStart">First row pair.</param>
    /// <param name="pairEnd">Row pair after the last.</param>
    public static void VignettePlaneRowPairs(byte* plane, int pitch, int width, int height, int channels, int centre, int strength,
        int pairStart, int pairEnd)
    {
        PlaneArguments.Size(width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        PlaneArguments.Plane(plane, pitch, (long)width * channels, nameof(plane));
        CheckValue(centre, nameof(centre));
        strength = Math.Clamp(strength, 0, 256);
        long big = ((long)width * width) + ((long)height * height);
        int length = width * channels;
        // Rows y and height-1-y are at the same vertical distance, so one row of factors serves both.
        short[] factors = VignetteScratch.Row(length);
        fixed (short* f = factors)
        {
            for (int y = Math.Max(0, pairStart); y < Math.Min(pairEnd, (height + 1) / 2); y++)
            {
                long ny = (2L * y) + 1 - height;
                VignetteFactors(f, width, channels, ny * ny, big, strength);
                VignetteApply(plane + ((nint)y * pitch), f, length, centre);
                int mirror = height - 1 - y;
                if (mirror != y)
                {
                    VignetteApply(plane + ((nint)mirror * pitch), f, length, centre);
                }
            }
        }
    }

    /// <summary>
    /// factors[i] = 16 * f(pixel i / channels), f = 256 - ((strength * q * q + 32768) &gt;&gt; 16) with
    /// q = floor((nx² + ny²) * 256 / big). Vector lanes estimate q as trunc(float(r²) * (256 / big)), within one of the
    /// quotient (relative error below 2^-22 on a value below 256), and correct it with the remainder
    /// r² * 256 - q * big, which is exact in wrapping int32 arithmetic because it lies in [-big, 2 big).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VignetteFactors(short* factors, int width, int channels, long ny2, long big, int strength)
    {
        int length = width * channels, i = 0;
        if (big < VectorQuotientLimit && channels != 3)
        {
            int shift = channels >> 1; // log2 of 1, 2, 4
            int rowTerm = (int)ny2, divisor = (int)big;
            float scale = 256f / divisor;
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<int> lane = Vector512<int>.Indices;
                Vector512<int> offsets = Vector512.ShiftLeft(Vector512.ShiftRightLogical(lane, shift), 1);
                for (; i <= length - 32; i += 32)
                {
                    Vector512<int> nx = Vector512.Create((2 * (i >> shift)) + 1 - width) + offsets;
                    Vector512<int> first = VignetteFactor(nx, rowTerm, divisor, scale, strength);
                    Vector512<int> second = VignetteFactor(nx + Vector512.Create(32 >> shift), rowTerm, divisor, scale, strength);
                    Vector512.Narrow(first, second).Store(factors + i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<int> lane = Vector256<int>.Indices;
                Vector256<int> offsets = Vector256.ShiftLeft(Vector256.ShiftRightLogical(lane, shift), 1);
                for (; i <= length - 16; i += 16)
                {
                    Vector256<int> nx = Vector256.Create((2 * (i >> shift)) + 1 - width) + offsets;
                    Vector256<int> first = VignetteFactor(nx, rowTerm, divisor, scale, strength);
                    Vector256<int> second = VignetteFactor(nx + Vector256.Create(16 >> shift), rowTerm, divisor, scale, strength);
                    Vector256.Narrow(first, second).Store(factors + i);
                }
            }

            if (Vector128.IsHardwareAccelerated)
            {
                Vector128<int> lane = Vector128<int>.Indices;
                Vector128<int> offsets = Vector128.ShiftLeft(Vector128.ShiftRightLogical(lane, shift), 1);
                for (; i <= length - 8; i += 8)
                {
                    Vector128<int> nx = Vector128.Create((2 * (i >> shift)) + 1 - width) + offsets;
                    Vector128<int> first = VignetteFactor(nx, rowTerm, divisor, scale, strength);
                    Vector128<int> second = VignetteFactor(nx + Vector128.Create(8 >> shift), rowTerm, divisor, scale, strength);
                    Vector128.Narrow(first, second).Store(factors + i);
                }
            }
        }

        for (; i < length; i++)
        {
            long nx = (2L * (i / channels)) + 1 - width;
            int q = (int)((((nx * nx) + ny2) * 256) / big);
            factors[i] = (short)((256 - (((strength * q * q) + 32768) >> 16)) << 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> VignetteFactor(Vector512<int> nx, int rowTerm, int divisor, float scale, int strength)
    {
        Vector512<int> r2 = (nx * nx) + Vector512.Create(rowTerm);
        Vector512<int> q = Vector512.ConvertToInt32Native(Vector512.ConvertToSingle(r2) * Vector512.Create(scale));
        Vector512<int> d = Vector512.Create(divisor), remainder = Vector512.ShiftLeft(r2, 8) - (q * d);
        // Comparison masks are -1 where true: subtracting one adds 1.
        q = q - Vector512.GreaterThanOrEqual(remainder, d) + Vector512.LessThan(remainder, Vector512<int>.Zero);
        Vector512<int> f = Vector512.Create(256) - Vector512.ShiftRightArithmetic((Vector512.Create(strength) * q * q) + Vector512.Create(32768), 16);
        return Vector512.ShiftLeft(f, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> VignetteFactor(Vector256<int> nx, int rowTerm, int divisor, float scale, int strength)
    {
        Vector256<int> r2 = (nx * nx) + Vector256.Create(rowTerm);
        Vector256<int> q = Vector256.ConvertToInt32Native(Vector256.ConvertToSingle(r2) * Vector256.Create(scale));
        Vector256<int> d = Vector256.Create(divisor), remainder = Vector256.ShiftLeft(r2, 8) - (q * d);
        q = q - Vector256.GreaterThanOrEqual(remainder, d) + Vector256.LessThan(remainder, Vector256<int>.Zero);
        Vector256<int> f = Vector256.Create(256) - Vector256.ShiftRightArithmetic((Vector256.Create(strength) * q * q) + Vector256.Create(32768), 16);
        return Vector256.ShiftLeft(f, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> VignetteFactor(Vector128<int> nx, int rowTerm, int divisor, float scale, int strength)
    {
        Vector128<int> r2 = (nx * nx) + Vector128.Create(rowTerm);
        Vector128<int> q = Vector128.ConvertToInt32Native(Vector128.ConvertToSingle(r2) * Vector128.Create(scale));
        Vector128<int> d = Vector128.Create(divisor), remainder = Vector128.ShiftLeft(r2, 8) - (q * d);
        q = q - Vector128.GreaterThanOrEqual(remainder, d) + Vector128.LessThan(remainder, Vector128<int>.Zero);
        Vector128<int> f = Vector128.Create(256) - Vector128.ShiftRightArithmetic((Vector128.Create(strength) * q * q) + Vector128.Create(32768), 16);
        return Vector128.ShiftLeft(f, 4);
    }

    /// <summary>v = centre + (((v - centre) * f + 128) &gt;&gt; 8) over <paramref name="length"/> samples, f = factors[i] / 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VignetteApply(byte* row, short* factors, int length, int centre)
    {
        // f is 2..256 and |v - centre| <= 255, so the result lies between v and centre: no clamp is needed in the lanes.
        int i = 0;
        if (Avx512BW.IsSupported)
        {
            Vector512<short> c = Vector512.Create((short)centre);
            for (; i <= length - 64; i += 64)
            {
                (Vector512<ushort> lo, Vector512<ushort> hi) = Vector512.Widen(Vector512.Load(row + i));
                Vector512<short> a = c + Avx512BW.MultiplyHighRoundScale(Vector512.ShiftLeft(lo.AsInt16() - c, 3), Vector512.Load(factors + i));
                Vector512<short> b = c + Avx512BW.MultiplyHighRoundScale(Vector512.ShiftLeft(hi.AsInt16() - c, 3), Vector512.Load(factors + i + 32));
                Vector512.Narrow(a.AsUInt16(), b.AsUInt16()).Store(row + i);
            }
        }

        if (Avx2.IsSupported)
        {
            Vector256<short> c = Vector256.Create((short)centre);
            for (; i <= length - 32; i += 32)
            {
                (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(Vector256.Load(row + i));
                Vector256<short> a = c + Avx2.MultiplyHighRoundScale(Vector256.ShiftLeft(lo.AsInt16() - c, 3), Vector256.Load(factors + i));
                Vector256<short> b = c + Avx2.MultiplyHighRoundScale(Vector256.ShiftLeft(hi.AsInt16() - c, 3), Vector256.Load(factors + i + 16));
                Vector256.Narrow(a.AsUInt16(), b.AsUInt16()).Store(row + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<short> c = Vector128.Create((short)centre);
            for (; i <= length - 16; i += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Load(row + i));
                Vector128<short> a = c + Simd128.MultiplyHighRoundScale(Vector128.ShiftLeft(lo.AsInt16() - c, 3), Vector128.Load(factors + i));
                Vector128<short> b = c + Simd128.MultiplyHighRoundScale(Vector128.ShiftLeft(hi.AsInt16() - c, 3), Vector128.Load(factors + i + 8));
                Vector128.Narrow(a.AsUInt16(), b.AsUInt16()).Store(row + i);
            }
        }

        for (; i < length; i++)
        {
            int f = factors[i] >> 4;
            row[i] = (byte)Math.Clamp(centre + ((((row[i] - centre) * f) + 128) >> 8), 0, 255);
        }
    }
}
