// Why: the 4:2:0 -> RGBA conversion is the hottest colour path (every decoded frame an overlay or a CPU consumer
// sees); with AVX-512 it runs 64 pixels per step in 16-bit lanes instead of 8 in 32-bit lanes, with the very same
// integers as ovni_yuv_to_rgba (whose 1/32-code-value sums were chosen so that they fit 16-bit lanes).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

public static unsafe partial class ColorConversion
{
    /// <summary>
    /// Whether the AVX-512 (BW + VBMI) block loops may run where the CPU has them. Tests turn this off to prove the
    /// Vector256/scalar paths that other CPUs take equal to the kernels too.
    /// </summary>
    internal static bool WideKernelsEnabled { get; set; } = true;

    private static bool WideKernelsAvailable => WideKernelsEnabled && Avx512BW.IsSupported && Avx512Vbmi.IsSupported;

    // Lanes. The luma term ((y << (8 - e)) * cyw) >> 16 is one vpmulhuw of the sample placed in the top bits of a
    // 16-bit word. The chroma terms K (int32 arithmetic, then >> (11 + e)) are formed once per chroma sample and
    // serve two luma rows; their low 16 bits (the whole value: |K| < 2^15) are spread over the pixels by vpermw.
    // A channel is then (A + K) >> 5 in 16-bit lanes: |A + K| stays below 2^15 for every matrix and range
    // (A <= 9539, |K| < 9400), and packus clamps it to 0..255 like the kernel's clamp.

    /// <summary>Converts pixels 0..64*blocks-1 of luma rows 0 and 1 (row 1 skipped when null) sharing one chroma row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToRgba420Wide<TReader>(byte* yRow0, byte* yRow1, byte* uRow, byte* vRow, uint* out0, uint* out1,
        int blocks, in YuvToRgbCoefficients c)
        where TReader : struct, IYuv420BlockReader
    {
        int e = TReader.ExtraBits, chromaShift = ColorMatrixTable.Shift - ColorMatrixTable.InverseFractionBits + e;
        int bias = ColorMatrixTable.InverseChromaBias(c, e), mid = 128 << e;
        Vector512<int> crv = Vector512.Create(c.Crv), cbu = Vector512.Create(c.Cbu);
        Vector512<int> ngu = Vector512.Create(-c.Cgu), ngv = Vector512.Create(-c.Cgv);
        Vector512<int> biasR = Vector512.Create(bias - (mid * c.Crv)), biasB = Vector512.Create(bias - (mid * c.Cbu));
        Vector512<int> biasG = Vector512.Create(bias + (mid * (c.Cgu + c.Cgv)));
        Vector512<ushort> lumaWeight = Vector512.Create((ushort)ColorMatrixTable.InverseLumaWeight(c));
        Vector512<ushort> spread = WideRgbaLanes.ChromaLowWords;
        WideLumaIndices luma = new(WideRgbaLanes.LumaBytesLow, WideRgbaLanes.LumaBytesHigh);
        Vector512<byte> alpha = Vector512<byte>.AllBitsSet;
        for (int block = 0; block < blocks; block++)
        {
            int x = 64 * block;
            TReader.Chroma32(uRow, vRow, x, out Vector512<int> u0, out Vector512<int> u1, out Vector512<int> v0, out Vector512<int> v1);
            Vector512<int> r0 = Vector512.ShiftRightArithmetic((v0 * crv) + biasR, chromaShift);
            Vector512<int> r1 = Vector512.ShiftRightArithmetic((v1 * crv) + biasR, chromaShift);
            Vector512<int> g0 = Vector512.ShiftRightArithmetic((u0 * ngu) + (v0 * ngv) + biasG, chromaShift);
            Vector512<int> g1 = Vector512.ShiftRightArithmetic((u1 * ngu) + (v1 * ngv) + biasG, chromaShift);
            Vector512<int> b0 = Vector512.ShiftRightArithmetic((u0 * cbu) + biasB, chromaShift);
            Vector512<int> b1 = Vector512.ShiftRightArithmetic((u1 * cbu) + biasB, chromaShift);
            var k = new WideChroma(
                Avx512BW.PermuteVar32x16(r0.AsInt16(), spread.AsInt16()), Avx512BW.PermuteVar32x16(r1.AsInt16(), spread.AsInt16()),
                Avx512BW.PermuteVar32x16(g0.AsInt16(), spread.AsInt16()), Avx512BW.PermuteVar32x16(g1.AsInt16(), spread.AsInt16()),
                Avx512BW.PermuteVar32x16(b0.AsInt16(), spread.AsInt16()), Avx512BW.PermuteVar32x16(b1.AsInt16(), spread.AsInt16()));
            WideRgbaRow<TReader>(yRow0, x, out0 + x, lumaWeight, luma, alpha, k);
            if (yRow1 != null)
            {
                WideRgbaRow<TReader>(yRow1, x, out1 + x, lumaWeight, luma, alpha, k);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideRgbaRow<TReader>(byte* yRow, int x, uint* output, Vector512<ushort> lumaWeight,
        in WideLumaIndices luma, Vector512<byte> alpha, in WideChroma k)
        where TReader : struct, IYuv420BlockReader
    {
        TReader.Luma64(yRow, x, luma, out Vector512<ushort> y0, out Vector512<ushort> y1);
        Vector512<short> a0 = Avx512BW.MultiplyHigh(y0, lumaWeight).AsInt16(), a1 = Avx512BW.MultiplyHigh(y1, lumaWeight).AsInt16();
        Vector512<byte> r = Avx512BW.PackUnsignedSaturate(Channel(a0, k.R0), Channel(a1, k.R1));
        Vector512<byte> g = Avx512BW.PackUnsignedSaturate(Channel(a0, k.G0), Channel(a1, k.G1));
        Vector512<byte> b = Avx512BW.PackUnsignedSaturate(Channel(a0, k.B0), Channel(a1, k.B1));
        Vector512<short> rgLow = Avx512BW.UnpackLow(r, g).AsInt16(), rgHigh = Avx512BW.UnpackHigh(r, g).AsInt16();
        Vector512<short> baLow = Avx512BW.UnpackLow(b, alpha).AsInt16(), baHigh = Avx512BW.UnpackHigh(b, alpha).AsInt16();
        Avx512BW.UnpackLow(rgLow, baLow).Store((short*)output);
        Avx512BW.UnpackHigh(rgLow, baLow).Store((short*)(output + 16));
        Avx512BW.UnpackLow(rgHigh, baHigh).Store((short*)(output + 32));
        Avx512BW.UnpackHigh(rgHigh, baHigh).Store((short*)(output + 48));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Channel(Vector512<short> a, Vector512<short> k) =>
        Vector512.ShiftRightArithmetic(a + k, ColorMatrixTable.InverseFractionBits);
}
