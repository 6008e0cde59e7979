// Why: CPU twin of native/kernels/caption.cu: captions (libass masks of one colour each) burnt into YUV planes.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Blends a constant colour into an 8-bit plane through an alpha mask, bit-exact twin of <c>ovni_blend_alpha_mask</c>:
/// each sample d = round((d·(255−a) + c·a) / 255), computed as v = d·(255−a) + c·a + 128, (v + (v ≫ 8)) ≫ 8 (exact for
/// every 8-bit input). The mask is <c>width·samples</c> × <c>height</c> bytes placed at (x, y) in positions of
/// <c>samples</c> bytes (2 for NV12's interleaved chroma, whose even/odd bytes take <c>valueEven</c>/<c>valueOdd</c>),
/// clipped at all four edges; negative positions are allowed. Pitches in bytes; nothing is allocated.
/// </summary>
internal static unsafe class AlphaMaskBlend
{
    /// <summary>Blends the colour through <paramref name="mask"/> into <paramref name="plane"/>.</summary>
    /// <param name="plane">Destination plane.</param>
    /// <param name="pitch">Bytes between plane rows.</param>
    /// <param name="planeWidth">Plane width in positions (bytes / samples).</param>
    /// <param name="planeHeight">Plane rows.</param>
    /// <param name="mask">Alpha mask, 0..255.</param>
    /// <param name="maskPitch">Bytes between mask rows.</param>
    /// <param name="x">Mask left edge in plane positions.</param>
    /// <param name="y">Mask top row in plane rows.</param>
    /// <param name="width">Mask width in positions.</param>
    /// <param name="height">Mask rows.</param>
    /// <param name="samples">Bytes per position: 1, or 2 for interleaved chroma.</param>
    /// <param name="valueEven">Colour of even bytes.</param>
    /// <param name="valueOdd">Colour of odd bytes.</param>
    public static void BlendAlphaMask(byte* plane, int pitch, int planeWidth, int planeHeight, byte* mask, int maskPitch,
        int x, int y, int width, int height, int samples, int valueEven, int valueOdd)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, 2);
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(planeWidth, x + width), y1 = Math.Min(planeHeight, y + height);
        if (x0 >= x1 || y0 >= y1) return;
        int bytes = (x1 - x0) * samples;
        int firstMaskByte = (x0 - x) * samples;
        // The colour follows the mask column's parity, so a row clipped to start on an odd mask byte swaps the pair.
        (byte first, byte second) = (firstMaskByte & 1) == 0 ? ((byte)valueEven, (byte)valueOdd) : ((byte)valueOdd, (byte)valueEven);
        for (int row = y0; row < y1; row++)
        {
            var destination = new Span<byte>(plane + (long)row * pitch + (long)x0 * samples, bytes);
            var alpha = new ReadOnlySpan<byte>(mask + (long)(row - y) * maskPitch + firstMaskByte, bytes);
            BlendRow(destination, alpha, first, second);
        }
    }

    /// <summary>One row: the colour alternates <paramref name="even"/>/<paramref name="odd"/> starting at the row's first byte.</summary>
    public static void BlendRow(Span<byte> destination, ReadOnlySpan<byte> alpha, byte even, byte odd)
    {
        int length = Math.Min(destination.Length, alpha.Length);
        int i = 0;
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        ref byte a = ref MemoryMarshal.GetReference(alpha);

        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            Vector256<ushort> colorLow = Vector256.WidenLower(Pattern256(even, odd));
            Vector256<ushort> colorHigh = Vector256.WidenUpper(Pattern256(even, odd));
            for (; i <= length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                Vector256<byte> d = Vector256.LoadUnsafe(ref dst, (nuint)i);
                Vector256<byte> w = Vector256.LoadUnsafe(ref a, (nuint)i);
                (Vector256<ushort> dLow, Vector256<ushort> dHigh) = Vector256.Widen(d);
                (Vector256<ushort> wLow, Vector256<ushort> wHigh) = Vector256.Widen(w);
                Vector256.Narrow(Mix(dLow, wLow, colorLow), Mix(dHigh, wHigh, colorHigh)).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        if (Vector128.IsHardwareAccelerated && length - i >= Vector128<byte>.Count)
        {
            Vector128<ushort> colorLow = Vector128.WidenLower(Pattern128(even, odd));
            Vector128<ushort> colorHigh = Vector128.WidenUpper(Pattern128(even, odd));
            for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                Vector128<byte> d = Vector128.LoadUnsafe(ref dst, (nuint)i);
                Vector128<byte> w = Vector128.LoadUnsafe(ref a, (nuint)i);
                (Vector128<ushort> dLow, Vector128<ushort> dHigh) = Vector128.Widen(d);
                (Vector128<ushort> wLow, Vector128<ushort> wHigh) = Vector128.Widen(w);
                Vector128.Narrow(Mix(dLow, wLow, colorLow), Mix(dHigh, wHigh, colorHigh)).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < length; i++)
            destination[i] = BlendScalar(destination[i], alpha[i], (i & 1) == 0 ? even : odd);
    }

    /// <summary>round((d·(255−a) + c·a) / 255) for one sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte BlendScalar(byte d, byte a, byte c)
    {
        int x = d * (255 - a) + c * a + 128;
        return (byte)((x + (x >> 8)) >> 8);
    }

    // 16-bit lanes are exact: d·(255−a) + c·a + 128 ≤ 255·255 + 128 < 65536.
    private static Vector256<ushort> Mix(Vector256<ushort> d, Vector256<ushort> a, Vector256<ushort> c)
    {
        Vector256<ushort> x = d * (Vector256.Create((ushort)255) - a) + c * a + Vector256.Create((ushort)128);
        return (x + (x >> 8)) >> 8;
    }

    private static Vector128<ushort> Mix(Vector128<ushort> d, Vector128<ushort> a, Vector128<ushort> c)
    {
        Vector128<ushort> x = d * (Vector128.Create((ushort)255) - a) + c * a + Vector128.Create((ushort)128);
        return (x + (x >> 8)) >> 8;
    }

    private static Vector256<byte> Pattern256(byte even, byte odd) => Vector256.Create((ushort)(even | (odd << 8))).AsByte();

    private static Vector128<byte> Pattern128(byte even, byte odd) => Vector128.Create((ushort)(even | (odd << 8))).AsByte();
}
