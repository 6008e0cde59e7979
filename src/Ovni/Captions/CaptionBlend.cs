using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ovni.Captions;

/// <summary>
/// The per-row kernel of the caption compositor: dst = dst·(255−a)/255 + c·a/255, rounded, for one row of
/// 8-bit samples. The colour alternates between <c>even</c> and <c>odd</c> positions so the same loop serves
/// planar Y/U/V (even = odd) and NV12's interleaved UV. Vector256 and Vector128 tiers with a scalar tail;
/// every tier computes the identical integer formula, so results never depend on the CPU.
/// </summary>
internal static class CaptionBlend
{
    internal static void BlendRow(Span<byte> destination, ReadOnlySpan<byte> alpha, byte even, byte odd)
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
                Vector256<ushort> low = Mix(dLow, wLow, colorLow);
                Vector256<ushort> high = Mix(dHigh, wHigh, colorHigh);
                Vector256.Narrow(low, high).StoreUnsafe(ref dst, (nuint)i);
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
                Vector128<ushort> low = Mix(dLow, wLow, colorLow);
                Vector128<ushort> high = Mix(dHigh, wHigh, colorHigh);
                Vector128.Narrow(low, high).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < length; i++)
            destination[i] = BlendScalar(destination[i], alpha[i], (i & 1) == 0 ? even : odd);
    }

    /// <summary>round((d·(255−a) + c·a) / 255), exact for all 8-bit inputs: x/255 ≈ (x + 128 + ((x + 128) >> 8)) >> 8.</summary>
    internal static byte BlendScalar(byte d, byte a, byte c)
    {
        int x = d * (255 - a) + c * a + 128;
        return (byte)((x + (x >> 8)) >> 8);
    }

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

    private static Vector256<byte> Pattern256(byte even, byte odd) =>
        Vector256.Create((ushort)(even | (odd << 8))).AsByte();

    private static Vector128<byte> Pattern128(byte even, byte odd) =>
        Vector128.Create((ushort)(even | (odd << 8))).AsByte();
}
