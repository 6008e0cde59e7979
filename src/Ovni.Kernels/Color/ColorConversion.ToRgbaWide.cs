// Why: the 4:2:0 -> RGBA conversion is the hottest colour path (every decoded frame an overlay or a CPU consumer
// sees); with AVX-512 it runs 64 pixels per step in 16-bit lanes (AVX2 runs 32 and 128-bit units 16 the same way, see
// ColorConversion.ToRgbaAvx2 and .ToRgbaVector128), with the very same integers as ovni_yuv_to_rgba (whose
// 1/32-code-value sums were chosen so that they fit 16-bit lanes).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class ColorConversion
{
    [ThreadStatic]
    private static bool t_wideKernelsDisabled;

    /// <summary>
    /// Whether the AVX-512 (BW + VBMI) block loops may run on this thread where the CPU has them. Tests turn this off
    /// to prove the narrower paths (AVX2 or 128-bit, then scalar) equal to the kernels in the same process too.
    /// </summary>
    internal static bool WideKernelsEnabled
    {
        get => !t_wideKernelsDisabled;
        set => t_wideKernelsDisabled = !value;
    }

    private static bool WideKernelsAvailable => WideKernelsEnabled && Avx512BW.IsSupported && Avx512Vbmi.IsSupported;

    // Lanes. Every term of ovni_yuv_to_rgba is one vpmulhuw of a sample placed in the top bits of a 16-bit word
    // (sample << (8 - e)) by a 13-bit weight. The chroma sums (constant +- chroma terms) are formed once per 32 chroma
    // samples in sample order, spread over the 64 pixels by vpermw and serve two luma rows; a channel is then
    // (A + K) >> 5. Every partial sum stays within +-2^15 for every matrix and range (A <= 9539, terms <= 17545,
    // constants -9400..4400), and packus clamps to 0..255 like the kernel's clamp. packus(R, G) and packus(B, 255)
    // hold 32 pixels' bytes; one vpermt2b per 16 pixels interleaves them into RGBA.

    /// <summary>
    /// Converts pixels 0..64*blocks-1 of luma rows 0 and 1 (row 1 skipped when null) sharing one chroma row.
    /// The pitches serve to prefetch the next row pair while this one converts: decoded frames often come from memory, not cache, and the hardware prefetcher alone left a third of
    /// the time waiting for them (measured on 1080p frames read cold).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToRgba420Wide<TReader>(byte* yRow0, byte* yRow1, byte* uRow, byte* vRow, uint* out0, uint* out1,
        int blocks, int lumaPitch, int chromaPitch, in YuvToRgbCoefficients c)
        where TReader : struct, IYuv420BlockReader
    {
        Vector512<ushort> wy = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cy));
        Vector512<ushort> wrv = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Crv));
        Vector512<ushort> wgu = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgu));
        Vector512<ushort> wgv = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgv));
        Vector512<ushort> wbu = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cbu));
        Vector512<short> kr = Vector512.Create((short)ColorMatrixTable.InverseConstantR(c));
        Vector512<short> kg = Vector512.Create((short)ColorMatrixTable.InverseConstantG(c));
        Vector512<short> kb = Vector512.Create((short)ColorMatrixTable.InverseConstantB(c));
        Vector512<short> spreadLow = WideRgbaLanes.ChromaSpreadLow.AsInt16(), spreadHigh = WideRgbaLanes.ChromaSpreadHigh.AsInt16();
        WideIndexPair luma = new(WideRgbaLanes.LumaBytesLow, WideRgbaLanes.LumaBytesHigh);
        WideIndexPair rgba = new(WideRgbaLanes.RgbaLow, WideRgbaLanes.RgbaHigh);
        Vector512<short> alpha = Vector512.Create((short)255);
        for (int block = 0; block < blocks; block++)
        {
            int x = 64 * block;
            PrefetchNextRows<TReader>(yRow0, uRow, vRow, x, lumaPitch, chromaPitch);
            TReader.Chroma32(uRow, vRow, x, out Vector512<ushort> u, out Vector512<ushort> v);
            Vector512<short> r = kr + Avx512BW.MultiplyHigh(v, wrv).AsInt16();
            Vector512<short> g = kg - Avx512BW.MultiplyHigh(u, wgu).AsInt16() - Avx512BW.MultiplyHigh(v, wgv).AsInt16();
            Vector512<short> b = kb + Avx512BW.MultiplyHigh(u, wbu).AsInt16();
            var k = new WideChroma(
                Avx512BW.PermuteVar32x16(r, spreadLow), Avx512BW.PermuteVar32x16(r, spreadHigh),
                Avx512BW.PermuteVar32x16(g, spreadLow), Avx512BW.PermuteVar32x16(g, spreadHigh),
                Avx512BW.PermuteVar32x16(b, spreadLow), Avx512BW.PermuteVar32x16(b, spreadHigh));
            WideRgbaRow<TReader>(yRow0, x, out0 + x, wy, luma, rgba, alpha, k);
            if (yRow1 != null)
            {
                WideRgbaRow<TReader>(yRow1, x, out1 + x, wy, luma, rgba, alpha, k);
            }
        }
    }

    /// <summary>Converts pixels 0..64*blocks-1 of one YUV444P row (chroma per pixel, so no sharing between rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToRgba444Wide(byte* yRow, byte* uRow, byte* vRow, uint* output, int blocks, in YuvToRgbCoefficients c)
    {
        Vector512<ushort> wy = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cy));
        Vector512<ushort> wrv = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Crv));
        Vector512<ushort> wgu = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgu));
        Vector512<ushort> wgv = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cgv));
        Vector512<ushort> wbu = Vector512.Create((ushort)ColorMatrixTable.InverseWeight(c.Cbu));
        Vector512<short> kr = Vector512.Create((short)ColorMatrixTable.InverseConstantR(c));
        Vector512<short> kg = Vector512.Create((short)ColorMatrixTable.InverseConstantG(c));
        Vector512<short> kb = Vector512.Create((short)ColorMatrixTable.InverseConstantB(c));
        WideIndexPair top = new(WideRgbaLanes.LumaBytesLow, WideRgbaLanes.LumaBytesHigh);
        WideIndexPair rgba = new(WideRgbaLanes.RgbaLow, WideRgbaLanes.RgbaHigh);
        Vector512<short> alpha = Vector512.Create((short)255);
        for (int block = 0; block < blocks; block++)
        {
            int x = 64 * block;
            Yuv420PSampleReader.Luma64(uRow, x, top, out Vector512<ushort> u0, out Vector512<ushort> u1);
            Yuv420PSampleReader.Luma64(vRow, x, top, out Vector512<ushort> v0, out Vector512<ushort> v1);
            var k = new WideChroma(
                kr + Avx512BW.MultiplyHigh(v0, wrv).AsInt16(), kr + Avx512BW.MultiplyHigh(v1, wrv).AsInt16(),
                kg - Avx512BW.MultiplyHigh(u0, wgu).AsInt16() - Avx512BW.MultiplyHigh(v0, wgv).AsInt16(),
                kg - Avx512BW.MultiplyHigh(u1, wgu).AsInt16() - Avx512BW.MultiplyHigh(v1, wgv).AsInt16(),
                kb + Avx512BW.MultiplyHigh(u0, wbu).AsInt16(), kb + Avx512BW.MultiplyHigh(u1, wbu).AsInt16());
            WideRgbaRow<Yuv420PSampleReader>(yRow, x, output + x, wy, top, rgba, alpha, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideRgbaRow<TReader>(byte* yRow, int x, uint* output, Vector512<ushort> lumaWeight,
        in WideIndexPair luma, in WideIndexPair rgba, Vector512<short> alpha, in WideChroma k)
        where TReader : struct, IYuv420BlockReader
    {
        TReader.Luma64(yRow, x, luma, out Vector512<ushort> y0, out Vector512<ushort> y1);
        Vector512<short> a0 = Avx512BW.MultiplyHigh(y0, lumaWeight).AsInt16(), a1 = Avx512BW.MultiplyHigh(y1, lumaWeight).AsInt16();
        Vector512<byte> rg0 = Avx512BW.PackUnsignedSaturate(Channel(a0, k.R0), Channel(a0, k.G0));
        Vector512<byte> ba0 = Avx512BW.PackUnsignedSaturate(Channel(a0, k.B0), alpha);
        Vector512<byte> rg1 = Avx512BW.PackUnsignedSaturate(Channel(a1, k.R1), Channel(a1, k.G1));
        Vector512<byte> ba1 = Avx512BW.PackUnsignedSaturate(Channel(a1, k.B1), alpha);
        Avx512Vbmi.PermuteVar64x8x2(rg0, rgba.Low, ba0).Store((byte*)output);
        Avx512Vbmi.PermuteVar64x8x2(rg0, rgba.High, ba0).Store((byte*)(output + 16));
        Avx512Vbmi.PermuteVar64x8x2(rg1, rgba.Low, ba1).Store((byte*)(output + 32));
        Avx512Vbmi.PermuteVar64x8x2(rg1, rgba.High, ba1).Store((byte*)(output + 48));
    }

    /// <summary>Prefetches block x of the next row pair (luma and chroma; prefetches never fault past the plane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchNextRows<TReader>(byte* yRow0, byte* uRow, byte* vRow, int x, int lumaPitch, int chromaPitch)
        where TReader : struct, IYuv420BlockReader
    {
        int bytesPerSample = TReader.ExtraBits > 0 ? 2 : 1;
        byte* nextY = yRow0 + (2 * (nint)lumaPitch) + (bytesPerSample * x);
        Sse.Prefetch0(nextY);
        Sse.Prefetch0(nextY + lumaPitch);
        if (uRow == vRow)
        {
            // Interleaved chroma: the block's pairs start at byte x (NV12) or 2x (P010).
            Sse.Prefetch0(uRow + chromaPitch + (bytesPerSample * x));
        }
        else
        {
            Sse.Prefetch0(uRow + chromaPitch + (x >> 1));
            Sse.Prefetch0(vRow + chromaPitch + (x >> 1));
        }

        if (bytesPerSample == 2)
        {
            Sse.Prefetch0(nextY + 64);
            Sse.Prefetch0(nextY + lumaPitch + 64);
            Sse.Prefetch0(uRow + chromaPitch + (2 * x) + 64);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Channel(Vector512<short> a, Vector512<short> k) =>
        Vector512.ShiftRightArithmetic(a + k, ColorMatrixTable.InverseFractionBits);
}
