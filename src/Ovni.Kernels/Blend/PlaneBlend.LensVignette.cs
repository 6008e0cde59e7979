// Why: FFmpeg users know vignetting as its vignette filter's natural (cos⁴) lens fall-off; this is the same function,
// sample for sample, so an edit moved from an ffmpeg command line to Ovni looks the same.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal static unsafe partial class PlaneBlend
{
    /// <summary>
    /// The luma-grid factor map of natural vignetting for a <paramref name="width"/> x <paramref name="height"/> frame:
    /// f(x, y) = cos⁴(angle · d / d_max) with d the distance of (trunc(x − w/2), trunc(y − h/2)) from the origin and
    /// d_max = hypot(w/2, h/2), stored as float32 row by row (FFmpeg's vignette with its default centre and aspect).
    /// </summary>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    /// <param name="angle">Lens angle in radians, clipped to [0, π/2] (FFmpeg's default is π/5).</param>
    public static float[] CreateLensVignetteFactors(int width, int height, double angle)
    {
        PlaneArguments.Size(width, height);
        // FFmpeg clips the angle with a float clip, so the angle it uses has float precision.
        angle = (float)Math.Clamp(double.IsFinite(angle) ? angle : 0, 0, Math.PI / 2);
        double dmax = double.Hypot(width / 2.0, height / 2.0);
        var factors = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            int yy = ((2 * y) - height) / 2; // C-style truncation towards zero, as (int)(y - h/2.0)
            for (int x = 0; x < width; x++)
            {
                int xx = ((2 * x) - width) / 2;
                double d = double.Hypot(xx, yy) / dmax;
                double c = Math.Cos(angle * d);
                factors[(y * width) + x] = d > 1 ? 0f : (float)(c * c * (c * c));
            }
        }

        return factors;
    }

    /// <summary>
    /// Natural vignetting of one 8-bit plane in place, bit-exact twin of <c>ovni_lens_vignette_plane</c>: each sample
    /// becomes trunc(float(s − centre) · f + centre) with f the factor of the plane pixel's top-left luma pixel
    /// (x ≪ subX, y ≪ subY); FFmpeg uses centre 0 for luma and 127 for chroma.
    /// </summary>
    /// <param name="plane">Plane, changed in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="width">Plane width in pixels.</param>
    /// <param name="height">Plane rows.</param>
    /// <param name="channels">Interleaved channels (2 for NV12 chroma).</param>
    /// <param name="subX">log2 of the horizontal subsampling of this plane.</param>
    /// <param name="subY">log2 of the vertical subsampling of this plane.</param>
    /// <param name="centre">Value the fall-off scales towards.</param>
    /// <param name="factors">Factor map from <see cref="CreateLensVignetteFactors"/>.</param>
    /// <param name="lumaWidth">Width of the factor map (the luma width).</param>
    public static void LensVignettePlane(byte* plane, int pitch, int width, int height, int channels, int subX, int subY, int centre,
        ReadOnlySpan<float> factors, int lumaWidth)
    {
        PlaneArguments.Size(width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        PlaneArguments.Plane(plane, pitch, (long)width * channels, nameof(plane));
        CheckValue(centre, nameof(centre));
        if ((long)((height - 1) << subY) * lumaWidth + ((width - 1) << subX) >= factors.Length)
            throw new ArgumentException("The factor map is smaller than the plane's luma grid.", nameof(factors));
        float c = centre;
        for (int y = 0; y < height; y++)
        {
            byte* row = plane + (nint)y * pitch;
            ReadOnlySpan<float> line = factors.Slice((y << subY) * lumaWidth);
            for (int x = 0; x < width; x++)
            {
                float f = line[x << subX];
                for (int ch = 0; ch < channels; ch++)
                {
                    byte* p = row + (x * channels) + ch;
                    *p = (byte)Math.Clamp((int)(((*p - centre) * f) + c), 0, 255);
                }
            }
        }
    }

    // Results lie between the sample and the centre (0 <= f <= 1), so no lane needs the clamp and the native conversion
    // (truncation on every platform for in-range values) gives the scalar (int) cast's value.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Apply(Vector128<int> v, float* f, Vector128<int> centre, Vector128<float> c) =>
        Vector128.ConvertToInt32Native(Vector128.ConvertToSingle(v - centre) * Vector128.Load(f) + c);

    /// <summary>
    /// The factor of every byte of a plane (row by row, <paramref name="width"/> · <paramref name="channels"/> per row),
    /// taken from the luma map as <see cref="LensVignettePlane"/> reads it, for <see cref="LensVignettePlaneMapped"/>.
    /// </summary>
    /// <param name="factors">Luma factor map.</param>
    /// <param name="lumaWidth">Its width.</param>
    /// <param name="width">Plane width in pixels.</param>
    /// <param name="height">Plane rows.</param>
    /// <param name="channels">Interleaved channels.</param>
    /// <param name="subX">Horizontal subsampling (log2).</param>
    /// <param name="subY">Vertical subsampling (log2).</param>
    public static float[] CreateLensVignettePlaneFactors(ReadOnlySpan<float> factors, int lumaWidth, int width, int height, int channels, int subX, int subY)
    {
        var plane = new float[width * channels * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                    plane[(((y * width) + x) * channels) + c] = factors[((y << subY) * lumaWidth) + (x << subX)];
        return plane;
    }

    /// <summary>
    /// <see cref="LensVignettePlane"/> with the factors already laid out per byte (from
    /// <see cref="CreateLensVignettePlaneFactors"/>), so whole rows run in SIMD lanes; the same results bit for bit.
    /// </summary>
    /// <param name="plane">Plane, changed in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="widthBytes">Bytes per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="centre">Value the fall-off scales towards.</param>
    /// <param name="byteFactors">One factor per byte, rows packed.</param>
    public static void LensVignettePlaneMapped(byte* plane, int pitch, int widthBytes, int height, int centre, ReadOnlySpan<float> byteFactors)
    {
        PlaneArguments.Size(widthBytes, height);
        PlaneArguments.Plane(plane, pitch, widthBytes, nameof(plane));
        CheckValue(centre, nameof(centre));
        if ((long)widthBytes * height > byteFactors.Length)
            throw new ArgumentException("The factor map is smaller than the plane.", nameof(byteFactors));
        float c = centre;
        fixed (float* factors = byteFactors)
        {
            for (int y = 0; y < height; y++)
            {
                byte* row = plane + (nint)y * pitch;
                float* f = factors + ((nint)y * widthBytes);
                int x = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    Vector512<float> vc = Vector512.Create(c);
                    Vector512<int> ic = Vector512.Create(centre);
                    for (; x <= widthBytes - 16; x += 16)
                    {
                        Vector512<int> v = Vector512.WidenLower(Vector512.WidenLower(Vector128.Load(row + x).ToVector256().ToVector512()).AsInt16()).AsInt32();
                        // Same two float roundings as the scalar twin: (s - centre) * f, then + centre; truncation.
                        Vector512<int> r = Vector512.ConvertToInt32(Vector512.ConvertToSingle(v - ic) * Vector512.Load(f + x) + vc);
                        Vector512<short> words = Vector512.Narrow(r, r);
                        Vector512.Narrow(words, words).AsByte().GetLower().GetLower().Store(row + x);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    Vector256<float> vc = Vector256.Create(c);
                    Vector256<int> ic = Vector256.Create(centre);
                    for (; x <= widthBytes - 16; x += 16)
                    {
                        (Vector256<int> lo, Vector256<int> hi) = Vector256.Widen(Vector256.WidenLower(Vector128.Load(row + x).ToVector256Unsafe()).AsInt16());
                        Vector256<int> a = Vector256.ConvertToInt32Native(Vector256.ConvertToSingle(lo - ic) * Vector256.Load(f + x) + vc);
                        Vector256<int> b = Vector256.ConvertToInt32Native(Vector256.ConvertToSingle(hi - ic) * Vector256.Load(f + x + 8) + vc);
                        Vector256<short> words = Vector256.Narrow(a, b);
                        Vector256.Narrow(words, words).GetLower().AsByte().Store(row + x);
                    }
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    Vector128<float> vc = Vector128.Create(c);
                    Vector128<int> ic = Vector128.Create(centre);
                    for (; x <= widthBytes - 16; x += 16)
                    {
                        (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Load(row + x));
                        Vector128<int> a = Apply(Vector128.WidenLower(lo.AsInt16()), f + x, ic, vc);
                        Vector128<int> b = Apply(Vector128.WidenUpper(lo.AsInt16()), f + x + 4, ic, vc);
                        Vector128<int> d = Apply(Vector128.WidenLower(hi.AsInt16()), f + x + 8, ic, vc);
                        Vector128<int> e = Apply(Vector128.WidenUpper(hi.AsInt16()), f + x + 12, ic, vc);
                        Vector128.Narrow(Vector128.Narrow(a, b).AsUInt16(), Vector128.Narrow(d, e).AsUInt16()).Store(row + x);
                    }
                }
                for (; x < widthBytes; x++)
                    row[x] = (byte)Math.Clamp((int)(((row[x] - centre) * f[x]) + c), 0, 255);
            }
        }
    }
}
