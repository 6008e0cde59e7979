// Why: CPU twins of native/kernels/blend.cu: cross-fades, fades to a colour and alpha-filled rectangles,
// one plane at a time. Every result is (x * (256 - w) + y * w + 128) >> 8, which fits in 16 bits for
// 8-bit samples, so 8-bit planes are processed as 16-bit lanes (32 or 16 samples per step).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Per-plane mixing with 0..256 fixed-point weights (256 = 1.0, exact at both ends; out-of-range weights are
/// clamped), bit-exact twins of <c>native/kernels/blend.cu</c>. Work on any 8-bit plane: Y, U, V, or NV12's
/// interleaved chroma (whose "even"/"odd" values are U and V). Pitches in bytes; nothing is allocated.
/// </summary>
internal static unsafe partial class PlaneBlend
{
    /// <summary>Cross-fade: dst = (a * (256 - weight) + b * weight + 128) &gt;&gt; 8. dst may be a or b.</summary>
    /// <param name="a">First plane (weight 0 gives exactly a).</param>
    /// <param name="pitchA">Bytes between rows of a.</param>
    /// <param name="b">Second plane (weight 256 gives exactly b).</param>
    /// <param name="pitchB">Bytes between rows of b.</param>
    /// <param name="dst">Output plane.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="widthBytes">Bytes per row to process.</param>
    /// <param name="height">Rows to process.</param>
    /// <param name="weight">Weight of b, 0..256.</param>
    public static void BlendPlane(byte* a, int pitchA, byte* b, int pitchB, byte* dst, int pitchDst, int widthBytes, int height, int weight)
    {
        PlaneArguments.Size(widthBytes, height);
        PlaneArguments.Plane(a, pitchA, widthBytes, nameof(a));
        PlaneArguments.Plane(b, pitchB, widthBytes, nameof(b));
        PlaneArguments.Plane(dst, pitchDst, widthBytes, nameof(dst));
        weight = Math.Clamp(weight, 0, 256);
        for (int y = 0; y < height; y++)
        {
            MixRow(a + (nint)y * pitchA, b + (nint)y * pitchB, dst + (nint)y * pitchDst, widthBytes, weight);
        }
    }

    /// <summary>Cross-fade of P010 planes: mixes the 10-bit values (sample &gt;&gt; 6) and stores them &lt;&lt; 6.</summary>
    /// <param name="a">First plane.</param>
    /// <param name="pitchA">Bytes between rows of a.</param>
    /// <param name="b">Second plane.</param>
    /// <param name="pitchB">Bytes between rows of b.</param>
    /// <param name="dst">Output plane.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="widthSamples">16-bit samples per row to process (2 per pixel for chroma).</param>
    /// <param name="height">Rows to process.</param>
    /// <param name="weight">Weight of b, 0..256.</param>
    public static void BlendPlaneP010(byte* a, int pitchA, byte* b, int pitchB, byte* dst, int pitchDst, int widthSamples, int height, int weight)
    {
        PlaneArguments.Size(widthSamples, height);
        PlaneArguments.Plane(a, pitchA, 2L * widthSamples, nameof(a));
        PlaneArguments.Plane(b, pitchB, 2L * widthSamples, nameof(b));
        PlaneArguments.Plane(dst, pitchDst, 2L * widthSamples, nameof(dst));
        weight = Math.Clamp(weight, 0, 256);
        for (int y = 0; y < height; y++)
        {
            MixRowP010((ushort*)(a + (nint)y * pitchA), (ushort*)(b + (nint)y * pitchB), (ushort*)(dst + (nint)y * pitchDst), widthSamples, weight);
        }
    }

    /// <summary>Fade towards a solid value: dst = (src * (256 - weight) + value * weight + 128) &gt;&gt; 8.</summary>
    /// <param name="src">Input plane.</param>
    /// <param name="pitchSrc">Bytes between input rows.</param>
    /// <param name="dst">Output plane (may be src).</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="widthBytes">Bytes per row to process.</param>
    /// <param name="height">Rows to process.</param>
    /// <param name="valueEven">Target value on even byte columns (the only value of a planar plane).</param>
    /// <param name="valueOdd">Target value on odd byte columns (V of NV12 chroma; equal to valueEven otherwise).</param>
    /// <param name="weight">Weight of the value, 0..256.</param>
    public static void FadePlane(byte* src, int pitchSrc, byte* dst, int pitchDst, int widthBytes, int height, int valueEven, int valueOdd, int weight)
    {
        PlaneArguments.Size(widthBytes, height);
        PlaneArguments.Plane(src, pitchSrc, widthBytes, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, widthBytes, nameof(dst));
        CheckValue(valueEven, nameof(valueEven));
        CheckValue(valueOdd, nameof(valueOdd));
        weight = Math.Clamp(weight, 0, 256);
        for (int y = 0; y < height; y++)
        {
            MixRowWithValue(src + (nint)y * pitchSrc, dst + (nint)y * pitchDst, widthBytes, (byte)valueEven, (byte)valueOdd, weight);
        }
    }

    /// <summary>
    /// Blends a value with alpha into a rectangle of one plane: p = (p * (256 - alpha) + value * alpha + 128) &gt;&gt; 8.
    /// The rectangle is in this plane's byte coordinates (halve for 4:2:0 chroma; double x and width for NV12
    /// chroma) and is clipped to the plane, negative origins included. An outline is four fills.
    /// </summary>
    /// <param name="plane">The plane, modified in place.</param>
    /// <param name="pitch">Bytes between rows.</param>
    /// <param name="planeWidthBytes">Bytes per row of the plane.</param>
    /// <param name="planeHeight">Rows of the plane.</param>
    /// <param name="rectX">Left byte column of the rectangle.</param>
    /// <param name="rectY">Top row of the rectangle.</param>
    /// <param name="rectWidth">Width in bytes.</param>
    /// <param name="rectHeight">Height in rows.</param>
    /// <param name="valueEven">Value on even byte columns.</param>
    /// <param name="valueOdd">Value on odd byte columns.</param>
    /// <param name="alpha">Alpha of the value, 0..256.</param>
    public static void FillRectPlane(byte* plane, int pitch, int planeWidthBytes, int planeHeight, int rectX, int rectY,
        int rectWidth, int rectHeight, int valueEven, int valueOdd, int alpha)
    {
        PlaneArguments.Size(planeWidthBytes, planeHeight);
        PlaneArguments.Plane(plane, pitch, planeWidthBytes, nameof(plane));
        CheckValue(valueEven, nameof(valueEven));
        CheckValue(valueOdd, nameof(valueOdd));
        int x0 = Math.Max(rectX, 0), y0 = Math.Max(rectY, 0);
        int x1 = (int)Math.Min((long)rectX + Math.Max(rectWidth, 0), planeWidthBytes);
        int y1 = (int)Math.Min((long)rectY + Math.Max(rectHeight, 0), planeHeight);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }

        alpha = Math.Clamp(alpha, 0, 256);
        // Row helpers start their even/odd pattern at their first byte: swap the values for an odd start.
        byte first = (byte)((x0 & 1) == 0 ? valueEven : valueOdd), second = (byte)((x0 & 1) == 0 ? valueOdd : valueEven);
        for (int y = y0; y < y1; y++)
        {
            byte* row = plane + (nint)y * pitch + x0;
            MixRowWithValue(row, row, x1 - x0, first, second, alpha);
        }
    }

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
        // Rows y and height-1-y are at the same vertical distance, so one row of factors serves both.
        int[] factors = VignetteScratch.Row(width);
        fixed (int* f = factors)
        {
            for (int y = Math.Max(0, pairStart); y < Math.Min(pairEnd, (height + 1) / 2); y++)
            {
                long ny = (2L * y) + 1 - height;
                VignetteFactors(f, width, ny * ny, big, strength);
                VignetteApply(plane + (nint)y * pitch, f, width, channels, centre);
                int mirror = height - 1 - y;
                if (mirror != y) VignetteApply(plane + (nint)mirror * pitch, f, width, channels, centre);
            }
        }
    }

    // f(x) = 256 - ((strength * q * q + 32768) >> 16) with q = floor((nx² + ny²) * 256 / big). The quotient comes from a
    // multiply by 1/big and one correction step each way, exact because every operand is an integer below 2^53.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VignetteFactors(int* factors, int width, long ny2, long big, int strength)
    {
        int x = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> offsets = Vector512.Create(0.0, 2, 4, 6, 8, 10, 12, 14), rowTerm = Vector512.Create((double)ny2);
            Vector512<double> divisor = Vector512.Create((double)big), reciprocal = Vector512.Create(1.0 / big), scale = Vector512.Create(256.0);
            Vector512<int> vStrength = Vector512.Create(strength), full = Vector512.Create(256), half = Vector512.Create(32768);
            for (; x <= width - 16; x += 16)
            {
                Vector512<double> nxLo = Vector512.Create((double)((2L * x) + 1 - width)) + offsets;
                Vector512<double> nxHi = nxLo + Vector512.Create(16.0);
                Vector512<int> q = Vector512.Narrow(Quotient((nxLo * nxLo + rowTerm) * scale, reciprocal, divisor),
                    Quotient((nxHi * nxHi + rowTerm) * scale, reciprocal, divisor));
                (full - Vector512.ShiftRightArithmetic((vStrength * q * q) + half, 16)).Store(factors + x);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> offsets = Vector256.Create(0.0, 2, 4, 6), rowTerm = Vector256.Create((double)ny2);
            Vector256<double> divisor = Vector256.Create((double)big), reciprocal = Vector256.Create(1.0 / big), scale = Vector256.Create(256.0);
            Vector256<int> vStrength = Vector256.Create(strength), full = Vector256.Create(256), half = Vector256.Create(32768);
            for (; x <= width - 8; x += 8)
            {
                Vector256<double> nxLo = Vector256.Create((double)((2L * x) + 1 - width)) + offsets;
                Vector256<double> nxHi = nxLo + Vector256.Create(8.0);
                Vector256<int> q = Vector256.Narrow(Quotient((nxLo * nxLo + rowTerm) * scale, reciprocal, divisor),
                    Quotient((nxHi * nxHi + rowTerm) * scale, reciprocal, divisor));
                (full - Vector256.ShiftRightArithmetic((vStrength * q * q) + half, 16)).Store(factors + x);
            }
        }
        for (; x < width; x++)
        {
            long nx = (2L * x) + 1 - width;
            int q = (int)((((nx * nx) + ny2) * 256) / big);
            factors[x] = 256 - (((strength * q * q) + 32768) >> 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Quotient(Vector512<double> numerator, Vector512<double> reciprocal, Vector512<double> divisor)
    {
        Vector512<double> q = Vector512.Floor(numerator * reciprocal);
        Vector512<double> remainder = numerator - q * divisor;
        q -= Vector512.ConditionalSelect(Vector512.LessThan(remainder, Vector512<double>.Zero), Vector512<double>.One, Vector512<double>.Zero);
        q += Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(remainder, divisor), Vector512<double>.One, Vector512<double>.Zero);
        return Vector512.ConvertToInt64(q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Quotient(Vector256<double> numerator, Vector256<double> reciprocal, Vector256<double> divisor)
    {
        Vector256<double> q = Vector256.Floor(numerator * reciprocal);
        Vector256<double> remainder = numerator - q * divisor;
        q -= Vector256.ConditionalSelect(Vector256.LessThan(remainder, Vector256<double>.Zero), Vector256<double>.One, Vector256<double>.Zero);
        q += Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(remainder, divisor), Vector256<double>.One, Vector256<double>.Zero);
        return Vector256.ConvertToInt64(q);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VignetteApply(byte* row, int* factors, int width, int channels, int centre)
    {
        int x = 0;
        if (channels == 1 && Vector512.IsHardwareAccelerated)
        {
            Vector512<int> vCentre = Vector512.Create(centre), round = Vector512.Create(128);
            for (; x <= width - 16; x += 16)
            {
                Vector512<int> v = Vector512.WidenLower(Vector512.WidenLower(Vector128.Load(row + x).ToVector256().ToVector512()).AsInt16()).AsInt32();
                Vector512<int> result = vCentre + Vector512.ShiftRightArithmetic(((v - vCentre) * Vector512.Load(factors + x)) + round, 8);
                Vector512<short> words = Vector512.Narrow(result, result);
                Vector512.Narrow(words, words).AsByte().GetLower().GetLower().Store(row + x);
            }
        }
        if (channels == 1 && Vector256.IsHardwareAccelerated)
        {
            Vector256<int> vCentre = Vector256.Create(centre), round = Vector256.Create(128), max = Vector256.Create(255);
            for (; x <= width - 8; x += 8)
            {
                Vector256<int> v = VectorLoads.Bytes8(row + x);
                Vector256<int> result = vCentre + Vector256.ShiftRightArithmetic(((v - vCentre) * Vector256.Load(factors + x)) + round, 8);
                Unsafe.WriteUnaligned(row + x, VectorLoads.ToBytes8(VectorLoads.Clamp(result, max)));
            }
        }
        for (; x < width; x++)
        {
            int f = factors[x];
            for (int ch = 0; ch < channels; ch++)
            {
                byte* p = row + (x * channels) + ch;
                *p = (byte)Math.Clamp(centre + ((((*p - centre) * f) + 128) >> 8), 0, 255);
            }
        }
    }

    private static void CheckValue(int value, string name)
    {
        if ((uint)value > 255)
        {
            throw new ArgumentOutOfRangeException(name, value, "An 8-bit sample value must be 0..255.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MixRow(byte* a, byte* b, byte* dst, int width, int weight)
    {
        int x = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ushort> wa = Vector512.Create((ushort)(256 - weight)), wb = Vector512.Create((ushort)weight), half = Vector512.Create((ushort)128);
            for (; x <= width - 64; x += 64)
            {
                (Vector512<ushort> aLo, Vector512<ushort> aHi) = Vector512.Widen(Vector512.Load(a + x));
                (Vector512<ushort> bLo, Vector512<ushort> bHi) = Vector512.Widen(Vector512.Load(b + x));
                Vector512<ushort> lo = Vector512.ShiftRightLogical((aLo * wa) + (bLo * wb) + half, 8);
                Vector512<ushort> hi = Vector512.ShiftRightLogical((aHi * wa) + (bHi * wb) + half, 8);
                Vector512.Narrow(lo, hi).Store(dst + x);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ushort> wa = Vector256.Create((ushort)(256 - weight)), wb = Vector256.Create((ushort)weight), half = Vector256.Create((ushort)128);
            for (; x <= width - 32; x += 32)
            {
                (Vector256<ushort> aLo, Vector256<ushort> aHi) = Vector256.Widen(Vector256.Load(a + x));
                (Vector256<ushort> bLo, Vector256<ushort> bHi) = Vector256.Widen(Vector256.Load(b + x));
                Vector256<ushort> lo = Vector256.ShiftRightLogical((aLo * wa) + (bLo * wb) + half, 8);
                Vector256<ushort> hi = Vector256.ShiftRightLogical((aHi * wa) + (bHi * wb) + half, 8);
                Vector256.Narrow(lo, hi).Store(dst + x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<ushort> wa = Vector128.Create((ushort)(256 - weight)), wb = Vector128.Create((ushort)weight), half = Vector128.Create((ushort)128);
            for (; x <= width - 16; x += 16)
            {
                (Vector128<ushort> aLo, Vector128<ushort> aHi) = Vector128.Widen(Vector128.Load(a + x));
                (Vector128<ushort> bLo, Vector128<ushort> bHi) = Vector128.Widen(Vector128.Load(b + x));
                Vector128<ushort> lo = Vector128.ShiftRightLogical((aLo * wa) + (bLo * wb) + half, 8);
                Vector128<ushort> hi = Vector128.ShiftRightLogical((aHi * wa) + (bHi * wb) + half, 8);
                Vector128.Narrow(lo, hi).Store(dst + x);
            }
        }

        for (; x < width; x++)
        {
            dst[x] = (byte)(((a[x] * (256 - weight)) + (b[x] * weight) + 128) >> 8);
        }
    }

    // The value's even/odd pattern starts at dst[0]; vector steps are even so the pattern stays aligned.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MixRowWithValue(byte* src, byte* dst, int width, byte valueEven, byte valueOdd, int weight)
    {
        int x = 0;
        ushort termEven = (ushort)((valueEven * weight) + 128), termOdd = (ushort)((valueOdd * weight) + 128);
        uint termPair = termEven | ((uint)termOdd << 16);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ushort> ws = Vector512.Create((ushort)(256 - weight)), term = Vector512.Create(termPair).AsUInt16();
            for (; x <= width - 64; x += 64)
            {
                (Vector512<ushort> lo, Vector512<ushort> hi) = Vector512.Widen(Vector512.Load(src + x));
                Vector512.Narrow(Vector512.ShiftRightLogical((lo * ws) + term, 8), Vector512.ShiftRightLogical((hi * ws) + term, 8)).Store(dst + x);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ushort> ws = Vector256.Create((ushort)(256 - weight)), term = Vector256.Create(termPair).AsUInt16();
            for (; x <= width - 32; x += 32)
            {
                (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(Vector256.Load(src + x));
                Vector256.Narrow(Vector256.ShiftRightLogical((lo * ws) + term, 8), Vector256.ShiftRightLogical((hi * ws) + term, 8)).Store(dst + x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<ushort> ws = Vector128.Create((ushort)(256 - weight)), term = Vector128.Create(termPair).AsUInt16();
            for (; x <= width - 16; x += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Load(src + x));
                Vector128.Narrow(Vector128.ShiftRightLogical((lo * ws) + term, 8), Vector128.ShiftRightLogical((hi * ws) + term, 8)).Store(dst + x);
            }
        }

        for (; x < width; x++)
        {
            dst[x] = (byte)(((src[x] * (256 - weight)) + ((x & 1) == 0 ? termEven : termOdd)) >> 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MixRowP010(ushort* a, ushort* b, ushort* dst, int width, int weight)
    {
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<int> wa = Vector256.Create(256 - weight), wb = Vector256.Create(weight), half = Vector256.Create(128);
            for (; x <= width - 8; x += 8)
            {
                Vector256<int> va = VectorLoads.UInt16x8(a + x, 6), vb = VectorLoads.UInt16x8(b + x, 6);
                Vector256<int> mixed = Vector256.ShiftRightArithmetic((va * wa) + (vb * wb) + half, 8);
                VectorLoads.ToUInt16x8(Vector256.ShiftLeft(mixed, 6)).Store(dst + x);
            }
        }

        for (; x < width; x++)
        {
            dst[x] = (ushort)(((((a[x] >> 6) * (256 - weight)) + ((b[x] >> 6) * weight) + 128) >> 8) << 6);
        }
    }
}
