// Why: CPU twins of native/kernels/mask.cu: alpha shaping of RGBA overlays (rounded corners, chroma key).
namespace Ovni.Kernels;

/// <summary>
/// In-place alpha masks on RGBA images (R in the lowest byte), bit-exact twins of <c>native/kernels/mask.cu</c>.
/// Scalar code: rounded corners touch only the four corner squares, and the chroma key's ramp needs an integer
/// division per pixel that no SIMD instruction set offers exactly. Nothing is allocated.
/// </summary>
public static unsafe class RgbaMask
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
        ColorMatrix matrix, ColorRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(rgba, pitch, 4L * width, nameof(rgba));
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfNegative(softness);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 362);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(softness, 362);
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(matrix, range);
        int inner = threshold * threshold, outer = (threshold + softness) * (threshold + softness);
        for (int y = 0; y < height; y++)
        {
            byte* p = rgba + (nint)y * pitch;
            for (int x = 0; x < width; x++, p += 4)
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
}
