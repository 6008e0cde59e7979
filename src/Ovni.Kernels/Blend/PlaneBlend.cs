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

        if (Vector128.IsHardwareAccelerated)
        {
            // 10-bit values mix exactly in 32-bit lanes: 1023 * 256 + 128 fits easily.
            Vector128<int> wa = Vector128.Create(256 - weight), wb = Vector128.Create(weight), half = Vector128.Create(128);
            for (; x <= width - 8; x += 8)
            {
                (Vector128<int> aLo, Vector128<int> aHi) = Vector128.Widen(Vector128.ShiftRightLogical(Vector128.Load(a + x), 6).AsInt16());
                (Vector128<int> bLo, Vector128<int> bHi) = Vector128.Widen(Vector128.ShiftRightLogical(Vector128.Load(b + x), 6).AsInt16());
                Vector128<int> lo = Vector128.ShiftRightArithmetic((aLo * wa) + (bLo * wb) + half, 8);
                Vector128<int> hi = Vector128.ShiftRightArithmetic((aHi * wa) + (bHi * wb) + half, 8);
                Vector128.ShiftLeft(Vector128.Narrow(lo, hi).AsUInt16(), 6).Store(dst + x);
            }
        }

        for (; x < width; x++)
        {
            dst[x] = (ushort)(((((a[x] >> 6) * (256 - weight)) + ((b[x] >> 6) * weight) + 128) >> 8) << 6);
        }
    }
}
