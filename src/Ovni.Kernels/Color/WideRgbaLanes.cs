// Why: index tables of the AVX-512 YUV -> RGBA loop: where bytes go when samples are widened into 16-bit words
// and when R, G, B, A bytes are interleaved into RGBA pixels (one two-source byte permute per 16 pixels).
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Index tables of the wide conversion. Pixels stay in order: word i of a 32-pixel register is pixel i of its half.
/// </summary>
internal static class WideRgbaLanes
{
    /// <summary>vpermt2b indices: 64 source bytes to the high bytes of words (low bytes zero) of pixels 0..31.</summary>
    public static readonly Vector512<byte> LumaBytesLow = TopBytes(0, 1);

    /// <summary>As <see cref="LumaBytesLow"/> for pixels 32..63.</summary>
    public static readonly Vector512<byte> LumaBytesHigh = TopBytes(32, 1);

    /// <summary>vpermw indices: 32 chroma terms in sample order to the 32 pixels 0..31 using samples 0..15.</summary>
    public static readonly Vector512<ushort> ChromaSpreadLow = Words(static i => i >> 1);

    /// <summary>As <see cref="ChromaSpreadLow"/> for pixels 32..63 (samples 16..31).</summary>
    public static readonly Vector512<ushort> ChromaSpreadHigh = Words(static i => 16 + (i >> 1));

    /// <summary>
    /// vpermt2b indices: pixels 0..15 of a half as RGBA from packus(R, G) (first source) and packus(B, 255)
    /// (second source); those hold, per 128-bit lane k, the 8 pixels 8k..8k+7 of R (B) then of G (alpha).
    /// </summary>
    public static readonly Vector512<byte> RgbaLow = RgbaBytes(0);

    /// <summary>As <see cref="RgbaLow"/> for pixels 16..31 of the half.</summary>
    public static readonly Vector512<byte> RgbaHigh = RgbaBytes(16);

    /// <summary>vpermt2b indices: 32 planar chroma bytes to the high bytes of 32 words (low bytes zero).</summary>
    public static readonly Vector512<byte> PlanarTop = TopBytes(0, 1);

    /// <summary>vpermt2b indices: the U bytes of 32 NV12 pairs to the high bytes of 32 words.</summary>
    public static readonly Vector512<byte> Nv12TopU = TopBytes(0, 2);

    /// <summary>vpermt2b indices: the V bytes of 32 NV12 pairs to the high bytes of 32 words.</summary>
    public static readonly Vector512<byte> Nv12TopV = TopBytes(1, 2);

    /// <summary>vpermt2w indices: even words of two registers (P010 U of 32 pairs).</summary>
    public static readonly Vector512<ushort> EvenWords = Words(static i => 2 * i);

    /// <summary>vpermt2w indices: odd words of two registers (P010 V of 32 pairs).</summary>
    public static readonly Vector512<ushort> OddWords = Words(static i => (2 * i) + 1);

    private static Vector512<byte> RgbaBytes(int firstPixel)
    {
        Span<byte> b = stackalloc byte[64];
        for (int i = 0; i < 16; i++)
        {
            int p = firstPixel + i, at = (16 * (p >> 3)) + (p & 7);
            b[4 * i] = (byte)at;                // R
            b[(4 * i) + 1] = (byte)(at + 8);    // G
            b[(4 * i) + 2] = (byte)(64 + at);   // B
            b[(4 * i) + 3] = (byte)(72 + at);   // alpha
        }

        return Vector512.Create<byte>(b);
    }

    private static Vector512<ushort> Words(Func<int, int> index)
    {
        Span<ushort> w = stackalloc ushort[32];
        for (int i = 0; i < 32; i++)
        {
            w[i] = (ushort)index(i);
        }

        return Vector512.Create<ushort>(w);
    }

    /// <summary>Word s: high byte = source byte first + step * s, low byte zero.</summary>
    private static Vector512<byte> TopBytes(int first, int step)
    {
        Span<byte> b = stackalloc byte[64];
        for (int s = 0; s < 32; s++)
        {
            b[2 * s] = 64; // byte 0 of the zero register
            b[(2 * s) + 1] = (byte)(first + (step * s));
        }

        return Vector512.Create<byte>(b);
    }
}
