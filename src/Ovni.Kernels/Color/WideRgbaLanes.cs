// Why: the AVX-512 YUV -> RGBA loop computes 32 pixels per 16-bit register, and interleaving R, G, B, A bytes with
// in-lane pack/unpack instructions reorders pixels across 128-bit lanes. Loading the samples in the inverse order
// makes the four final stores come out sequential with no cross-lane shuffle there; these are the index tables.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Lane order of the wide conversion: word i (0..31) of a 32-pixel register holds pixel
/// <c>16 * ((i &amp; 7) &gt;&gt; 2) + 4 * (i &gt;&gt; 3) + (i &amp; 3)</c> of its 32-pixel half. After
/// <c>packus(half0, half1)</c> and unpacking with G and alpha, stores 0..3 hold pixels 0..15, 16..31, 32..47, 48..63.
/// </summary>
internal static class WideRgbaLanes
{
    /// <summary>vpermt2b indices: 64 source bytes to the high bytes of words (low bytes zero) of pixels 0..31.</summary>
    public static readonly Vector512<byte> LumaBytesLow = LumaBytes(0);

    /// <summary>As <see cref="LumaBytesLow"/> for pixels 32..63.</summary>
    public static readonly Vector512<byte> LumaBytesHigh = LumaBytes(32);

    /// <summary>vpermw indices: 32 sequential words to lane order.</summary>
    public static readonly Vector512<ushort> LumaWords = Words(static i => Pixel(i));

    /// <summary>vpermw indices: 32 chroma terms in sample order to the 32 pixels 0..31 using samples 0..15.</summary>
    public static readonly Vector512<ushort> ChromaSpreadLow = Words(static i => Pixel(i) >> 1);

    /// <summary>As <see cref="ChromaSpreadLow"/> for pixels 32..63 (samples 16..31).</summary>
    public static readonly Vector512<ushort> ChromaSpreadHigh = Words(static i => 16 + (Pixel(i) >> 1));

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

    /// <summary>The pixel (0..31 within its half) that word <paramref name="i"/> of a 32-pixel register holds.</summary>
    public static int Pixel(int i) => (16 * ((i & 7) >> 2)) + (4 * (i >> 3)) + (i & 3);

    private static Vector512<byte> LumaBytes(int first)
    {
        Span<byte> b = stackalloc byte[64];
        for (int i = 0; i < 32; i++)
        {
            b[2 * i] = 64; // byte 0 of the zero register
            b[(2 * i) + 1] = (byte)(first + Pixel(i));
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
