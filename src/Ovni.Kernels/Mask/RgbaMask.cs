// Why: CPU twins of native/kernels/mask.cu: alpha shaping of RGBA overlays (rounded corners, chroma key).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// In-place alpha masks on RGBA images (R in the lowest byte), bit-exact twins of <c>native/kernels/mask.cu</c>.
/// Rounded corners are scalar (they touch only the four corner squares); the chroma key runs 8 pixels per step,
/// its ramp division done in float where that is provably exact (ramp span below 65536). Nothing is allocated.
/// </summary>
internal static unsafe class RgbaMask
{
    /// <summary>
    /// Rounds the image's corners: alpha is multiplied by the pixel's coverage by the rounded rectangle, measured
    /// with 4x4 subsamples at offsets (2i+1)/8; A = (A * count + 8) &gt;&gt; 4. Premultiplied images scale R, G, B too.
    /// </summary>
    /// <param name="rgba">The image, modified in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="radius">Corner radius in pixels (0 leaves the image unchanged).</param>
    /// <param name="premultiplied">Whether colour is premultiplied by alpha.</param>
    public static void RoundCorners(byte* rgba, int pitch, int width, int height, int radius, bool premultiplied)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(rgba, pitch, 4L * width, nameof(rgba));
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        int rows = Math.Min(radius, height), columns = Math.Min(radius, width);
        long centre = 8L * radius, limit = centre * centre;
        for (int my = 0; my < rows; my++)
        {
            for (int mx = 0; mx < columns; mx++)
            {
                int count = 0;
                for (int j = 0; j < 4; j++)
                {
                    long dy = (8L * my) + (2 * j) + 1 - centre;
                    for (int i = 0; i < 4; i++)
                    {
                        long dx = (8L * mx) + (2 * i) + 1 - centre;
                        count += (dx * dx) + (dy * dy) <= limit ? 1 : 0;
                    }
                }

                if (count == 16)
                {
                    continue;
                }

                // The same coverage applies to the mirrored pixel in every corner (each pixel once).
                Scale(rgba, pitch, mx, my, count, premultiplied);
                if (width - 1 - mx != mx)
                {
                    Scale(rgba, pitch, width - 1 - mx, my, count, premultiplied);
                }

                if (height - 1 - my != my)
                {
                    Scale(rgba, pitch, mx, height - 1 - my, count, premultiplied);
                    if (width - 1 - mx != mx)
                    {
                        Scale(rgba, pitch, width - 1 - mx, height - 1 - my, count, premultiplied);
                    }
                }
            }
        }
    }

    private static void Scale(byte* rgba, int pitch, int x, int y, int count, bool premultiplied)
    {
        byte* p = rgba + (nint)y * pitch + (4 * x);
        for (int c = premultiplied ? 0 : 3; c < 4; c++)
        {
            p[c] = (byte)(((p[c] * count) + 8) >> 4);
        }
    }

    /// <summary>
    /// Makes pixels whose chroma is near the key's transparent. With d² = (U - keyU)² + (V - keyV)² (8-bit chroma of
    /// the pixel under <paramref name="matrix"/>/<paramref name="range"/>), inner = threshold², outer = (threshold +
    /// softness)²: alpha becomes 0 when d² &lt;= inner, stays when d² &gt;= outer, and in between is scaled by
    /// f = (d² - inner) * 256 / (outer - inner), A = (A * f + 128) &gt;&gt; 8. Straight alpha.
    /// </summary>
    /// <param name="rgba">The image, modified in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="keyU">U of the key colour (8-bit, same matrix and range).</param>
    /// <param name="keyV">V of the key colour.</param>
    /// <param name="threshold">Chroma distance that is fully keyed out, 0..362.</param>
    /// <param name="softness">Width of the ramp beyond the threshold, 0..362.</param>
    /// <param name="matrix">Matrix used to compute the pixels' chroma.</param>
    /// <param name="range">Range used to compute the pixels' chroma.</param>
    public static void ChromaKey(byte* rgba, int pitch, int width, int height, int keyU, int keyV, int threshold, int softness,
        ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(rgba, pitch, 4L * width, nameof(rgba));
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfNegative(softness);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 362);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(softness, 362);
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(matrix, range);
        int inner = threshold * threshold, outer = (threshold + softness) * (threshold + softness);
        // Float division is exact when numerator (< span * 256) and divisor (span) fit in 24 bits: a non-integer
        // quotient below 256 is then at least 2^-16 from an integer, twice float's rounding error there.
        bool vector = Vector128.IsHardwareAccelerated && (long)(outer - inner) * 256 < (1 << 24);
        for (int y = 0; y < height; y++)
        {
            uint* row = (uint*)(rgba + (nint)y * pitch);
            int x = !vector ? 0 : Vector256.IsHardwareAccelerated
                ? ChromaKeyRow8(row, width, keyU, keyV, inner, outer, c)
                : ChromaKeyRow4(row, width, keyU, keyV, inner, outer, c);
            byte* p = (byte*)(row + x);
            for (; x < width; x++, p += 4)
            {
                int u = ColorMatrixTable.Chroma(p[0], p[1], p[2], c.Ur, c.Ug, c.Ub, 0, 0) - keyU;
                int v = ColorMatrixTable.Chroma(p[0], p[1], p[2], c.Vr, c.Vg, c.Vb, 0, 0) - keyV;
                int d2 = (u * u) + (v * v);
                if (d2 >= outer)
                {
                    continue;
                }

                int f = d2 <= inner ? 0 : (d2 - inner) * 256 / (outer - inner);
                p[3] = (byte)(((p[3] * f) + 128) >> 8);
            }
        }
    }

    /// <summary>Keys pixels 0 .. 8k-1 of the row in vector steps; returns the first pixel left for the scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ChromaKeyRow8(uint* row, int width, int keyU, int keyV, int inner, int outer, in RgbToYuvCoefficients c)
    {
        var k = new ForwardVectors(c, 0);
        Vector256<int> ku = Vector256.Create(keyU), kv = Vector256.Create(keyV), vInner = Vector256.Create(inner), vOuter = Vector256.Create(outer);
        Vector256<float> span = Vector256.Create((float)Math.Max(outer - inner, 1));
        Vector256<int> full = Vector256.Create(256), half = Vector256.Create(128), colour = Vector256.Create(0x00FFFFFF);
        int x = 0;
        for (; x <= width - 8; x += 8)
        {
            Vector256<int> p = Vector256.Load((int*)row + x);
            Vector256<int> r = p & k.Byte, g = Vector256.ShiftRightLogical(p, 8) & k.Byte, b = Vector256.ShiftRightLogical(p, 16) & k.Byte;
            Vector256<int> u = k.Chroma(r, g, b, k.Ur, k.Ug, k.Ub, 0) - ku, v = k.Chroma(r, g, b, k.Vr, k.Vg, k.Vb, 0) - kv;
            Vector256<int> d2 = (u * u) + (v * v);
            Vector256<int> ramp = Vector256.ConvertToInt32(Vector256.ConvertToSingle(Vector256.ShiftLeft(d2 - vInner, 8)) / span);
            // Same precedence as the kernel: d2 >= outer keeps the pixel even when outer == inner.
            Vector256<int> f = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(d2, vOuter), full,
                Vector256.ConditionalSelect(Vector256.LessThanOrEqual(d2, vInner), Vector256<int>.Zero, ramp));
            Vector256<int> a = Vector256.ShiftRightArithmetic((Vector256.ShiftRightLogical(p, 24) * f) + half, 8);
            Vector256.Store((p & colour) | Vector256.ShiftLeft(a, 24), (int*)row + x);
        }

        return x;
    }

    /// <summary><see cref="ChromaKeyRow8"/> in 128-bit lanes (ARM NEON, x86 without AVX2), four pixels per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ChromaKeyRow4(uint* row, int width, int keyU, int keyV, int inner, int outer, in RgbToYuvCoefficients c)
    {
        var k = new ForwardVectors128(c, 0);
        Vector128<int> ku = Vector128.Create(keyU), kv = Vector128.Create(keyV), vInner = Vector128.Create(inner), vOuter = Vector128.Create(outer);
        Vector128<float> span = Vector128.Create((float)Math.Max(outer - inner, 1));
        Vector128<int> full = Vector128.Create(256), half = Vector128.Create(128), colour = Vector128.Create(0x00FFFFFF);
        int x = 0;
        for (; x <= width - 4; x += 4)
        {
            Vector128<int> p = Vector128.Load((int*)row + x);
            Vector128<int> r = p & k.Byte, g = Vector128.ShiftRightLogical(p, 8) & k.Byte, b = Vector128.ShiftRightLogical(p, 16) & k.Byte;
            Vector128<int> u = k.Chroma(r, g, b, k.Ur, k.Ug, k.Ub, 0) - ku, v = k.Chroma(r, g, b, k.Vr, k.Vg, k.Vb, 0) - kv;
            Vector128<int> d2 = (u * u) + (v * v);
            Vector128<int> ramp = Vector128.ConvertToInt32(Vector128.ConvertToSingle(Vector128.ShiftLeft(d2 - vInner, 8)) / span);
            Vector128<int> f = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(d2, vOuter), full,
                Vector128.ConditionalSelect(Vector128.LessThanOrEqual(d2, vInner), Vector128<int>.Zero, ramp));
            Vector128<int> a = Vector128.ShiftRightArithmetic((Vector128.ShiftRightLogical(p, 24) * f) + half, 8);
            Vector128.Store((p & colour) | Vector128.ShiftLeft(a, 24), (int*)row + x);
        }

        return x;
    }
}
