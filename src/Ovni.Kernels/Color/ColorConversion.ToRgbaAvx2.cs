// Why: YUV -> RGBA on AVX2 CPUs (most laptops) in 16-bit lanes, 32 pixels per step, with the very integers of
// ovni_yuv_to_rgba (its 1/32-code-value sums fit 16-bit lanes, see ColorConversion.ToRgbaWide). AVX2 shuffles work per
// 128-bit lane, so luma words come in unpack order (pixels 0..7 | 16..23 and 8..15 | 24..31): the chroma terms then
// spread to them with in-lane unpacks, the saturating packs put the channel bytes back in pixel order, and only the
// final RGBA interleave needs cross-lane moves (one vperm2i128 per 8 pixels).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class ColorConversion
{

    /// <summary>
    /// Converts 32-pixel blocks of luma rows 0 and 1 (row 1 skipped when null) from x on; returns where it stopped.
    /// Prefetches the next row pair as the AVX-512 loop does (decoded frames arrive from memory, not cache).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ToRgba420Avx2<TReader>(byte* yRow0, byte* yRow1, byte* uRow, byte* vRow, uint* out0, uint* out1,
        int x, int width, int lumaPitch, int chromaPitch, in YuvToRgbCoefficients c)
        where TReader : struct, IYuv420BlockReader
    {
        if (!Avx2.IsSupported || x > width - 32)
        {
            return x;
        }

        RgbaWeights256 w = new(c);
        bool stream = Streams(out0 + x) && (yRow1 == null || Streams(out1 + x));
        for (; x <= width - 32; x += 32)
        {
            PrefetchNextRows<TReader>(yRow0, uRow, vRow, x, lumaPitch, chromaPitch);
            TReader.Chroma16(uRow, vRow, x, out Vector256<ushort> u, out Vector256<ushort> v);
            Vector256<short> r = w.Kr + Avx2.MultiplyHigh(v, w.Rv).AsInt16();
            Vector256<short> g = w.Kg - Avx2.MultiplyHigh(u, w.Gu).AsInt16() - Avx2.MultiplyHigh(v, w.Gv).AsInt16();
            Vector256<short> b = w.Kb + Avx2.MultiplyHigh(u, w.Bu).AsInt16();
            // Chroma sample s serves pixels 2s and 2s+1: low words of each lane to the first luma register, high to the second.
            var k = new ChromaTerms<Vector256<short>>(Avx2.UnpackLow(r, r), Avx2.UnpackHigh(r, r), Avx2.UnpackLow(g, g),
                Avx2.UnpackHigh(g, g), Avx2.UnpackLow(b, b), Avx2.UnpackHigh(b, b));
            TReader.Luma32(yRow0, x, out Vector256<ushort> lo, out Vector256<ushort> hi);
            Rgba32(lo, hi, out0 + x, w.Y, k, stream);
            if (yRow1 != null)
            {
                TReader.Luma32(yRow1, x, out lo, out hi);
                Rgba32(lo, hi, out1 + x, w.Y, k, stream);
            }
        }

        FenceStreams(stream);
        return x;
    }

    /// <summary>Converts 32-pixel blocks of one YUV444P row from x on; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ToRgba444Avx2(byte* yRow, byte* uRow, byte* vRow, uint* output, int x, int width, in YuvToRgbCoefficients c)
    {
        if (!Avx2.IsSupported || x > width - 32)
        {
            return x;
        }

        RgbaWeights256 w = new(c);
        bool stream = Streams(output + x);
        for (; x <= width - 32; x += 32)
        {
            // Chroma per pixel, in the same unpack order as the luma words.
            Yuv420PSampleReader.Top32(uRow + x, out Vector256<ushort> u0, out Vector256<ushort> u1);
            Yuv420PSampleReader.Top32(vRow + x, out Vector256<ushort> v0, out Vector256<ushort> v1);
            var k = new ChromaTerms<Vector256<short>>(
                w.Kr + Avx2.MultiplyHigh(v0, w.Rv).AsInt16(), w.Kr + Avx2.MultiplyHigh(v1, w.Rv).AsInt16(),
                w.Kg - Avx2.MultiplyHigh(u0, w.Gu).AsInt16() - Avx2.MultiplyHigh(v0, w.Gv).AsInt16(),
                w.Kg - Avx2.MultiplyHigh(u1, w.Gu).AsInt16() - Avx2.MultiplyHigh(v1, w.Gv).AsInt16(),
                w.Kb + Avx2.MultiplyHigh(u0, w.Bu).AsInt16(), w.Kb + Avx2.MultiplyHigh(u1, w.Bu).AsInt16());
            Yuv420PSampleReader.Top32(yRow + x, out Vector256<ushort> lo, out Vector256<ushort> hi);
            Rgba32(lo, hi, output + x, w.Y, k, stream);
        }

        FenceStreams(stream);
        return x;
    }

    /// <summary>
    /// True when a row's RGBA can be written with non-temporal stores (32-byte aligned): RGBA is 4 bytes per pixel, so
    /// a frame's output is several times the caches and cached stores would first read every line they write.
    /// </summary>
    private static bool Streams(uint* output) => ((nint)output & 31) == 0;

    /// <summary>Orders a row's non-temporal stores before whatever the caller does next (another thread may read them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FenceStreams(bool stream)
    {
        if (Sse.IsSupported && stream)
        {
            Sse.StoreFence();
        }
    }

    /// <summary>32 pixels from luma words in unpack order and their chroma terms (streamed past the caches when asked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rgba32(Vector256<ushort> lumaLow, Vector256<ushort> lumaHigh, uint* output, Vector256<ushort> lumaWeight,
        in ChromaTerms<Vector256<short>> k, bool stream)
    {
        Vector256<short> a0 = Avx2.MultiplyHigh(lumaLow, lumaWeight).AsInt16(), a1 = Avx2.MultiplyHigh(lumaHigh, lumaWeight).AsInt16();
        // packus of (0..7 | 16..23) and (8..15 | 24..31) gives bytes 0..15 | 16..31: pixel order, clamped to 0..255.
        Vector256<byte> red = Avx2.PackUnsignedSaturate(Channel(a0, k.R0), Channel(a1, k.R1));
        Vector256<byte> green = Avx2.PackUnsignedSaturate(Channel(a0, k.G0), Channel(a1, k.G1));
        Vector256<byte> blue = Avx2.PackUnsignedSaturate(Channel(a0, k.B0), Channel(a1, k.B1));
        Vector256<byte> alpha = Vector256<byte>.AllBitsSet;
        Vector256<short> rgLow = Avx2.UnpackLow(red, green).AsInt16(), rgHigh = Avx2.UnpackHigh(red, green).AsInt16();
        Vector256<short> baLow = Avx2.UnpackLow(blue, alpha).AsInt16(), baHigh = Avx2.UnpackHigh(blue, alpha).AsInt16();
        // Pixels 0..3 | 16..19, 4..7 | 20..23, 8..11 | 24..27, 12..15 | 28..31.
        Vector256<short> p0 = Avx2.UnpackLow(rgLow, baLow), p1 = Avx2.UnpackHigh(rgLow, baLow);
        Vector256<short> p2 = Avx2.UnpackLow(rgHigh, baHigh), p3 = Avx2.UnpackHigh(rgHigh, baHigh);
        if (stream)
        {
            Avx.StoreAlignedNonTemporal((short*)output, Avx2.Permute2x128(p0, p1, 0x20));
            Avx.StoreAlignedNonTemporal((short*)(output + 8), Avx2.Permute2x128(p2, p3, 0x20));
            Avx.StoreAlignedNonTemporal((short*)(output + 16), Avx2.Permute2x128(p0, p1, 0x31));
            Avx.StoreAlignedNonTemporal((short*)(output + 24), Avx2.Permute2x128(p2, p3, 0x31));
            return;
        }

        Avx2.Permute2x128(p0, p1, 0x20).Store((short*)output);
        Avx2.Permute2x128(p2, p3, 0x20).Store((short*)(output + 8));
        Avx2.Permute2x128(p0, p1, 0x31).Store((short*)(output + 16));
        Avx2.Permute2x128(p2, p3, 0x31).Store((short*)(output + 24));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Channel(Vector256<short> a, Vector256<short> k) =>
        Vector256.ShiftRightArithmetic(a + k, ColorMatrixTable.InverseFractionBits);
}
