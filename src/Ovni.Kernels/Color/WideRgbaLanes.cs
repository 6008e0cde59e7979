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

    /// <summary>vpermw indices: low halves of 16 int chroma terms (samples 0..15) to the 32 pixels using them.</summary>
    public static readonly Vector512<ushort> ChromaLowWords = Words(static i => 2 * (Pixel(i) >> 1));

    /// <summary>vpermt2b indices: NV12 pairs 0..15 of 64 bytes to zero-extended int U lanes (second source zero).</summary>
    public static readonly Vector512<byte> Nv12U0 = PairBytes(0, 0);

    /// <summary>Pairs 16..31, U.</summary>
    public static readonly Vector512<byte> Nv12U1 = PairBytes(16, 0);

    /// <summary>Pairs 0..15, V.</summary>
    public static readonly Vector512<byte> Nv12V0 = PairBytes(0, 1);

    /// <summary>Pairs 16..31, V.</summary>
    public static readonly Vector512<byte> Nv12V1 = PairBytes(16, 1);

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

    private static Vector512<byte> PairBytes(int firstPair, int component)
    {
        Span<byte> b = stackalloc byte[64];
        for (int s = 0; s < 16; s++)
        {
            b[4 * s] = (byte)((2 * (firstPair + s)) + component);
            b[(4 * s) + 1] = b[(4 * s) + 2] = b[(4 * s) + 3] = 64;
        }

        return Vector512.Create<byte>(b);
    }
}
