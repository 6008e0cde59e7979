// Why: the 4:2:0 -> RGBA conversion is the hottest colour path (every decoded frame an overlay or a CPU consumer
// sees); with AVX-512 it runs 64 pixels per step in 16-bit lanes instead of 8 in 32-bit lanes, with the very same
// integers as ovni_yuv_to_rgba (bit-exact; see the derivation below).
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

    // Exactness. Each channel is floor((Y*cy + K + 1) / 2^(16+e)) with K, per chroma sample and channel, the kernel's
    // chroma term plus every constant (luma offset times cy, rounding 2^(15+e) less the 1 written separately).
    // Split Y*cy = Ah * 2^16 + Al and K = Kh * 2^16 + Kl (0 <= Al, Kl < 2^16): the floor by 2^16 is
    // Ah + Kh + carry with carry = [Al + Kl + 1 >= 2^16] = [Al >= ~Kl]. The chroma stage computes N = ~K = -K - 1
    // directly (negated coefficients), whose halves are ~Kl and ~Kh = -Kh - 1, so a channel is
    // Ah - Nh - [Al < Nl] (unsigned compare): three instructions per 32 pixels. The remaining floor by 2^e is an
    // arithmetic shift. cy = 2^16 + cyl (all tables), so Ah = Y + mulhi_epu16(Y, cyl) and Al = mullo(Y, cyl).
    // The result (about -300..600 << e) fits 16 bits; packus clamps it to 0..255 like the kernel's clamp.
    private static bool WideToRgbaFits(in YuvToRgbCoefficients c) => (c.Cy >> 16) == 1;

    /// <summary>Converts pixels 0..64*blocks-1 of luma rows 0 and 1 (row 1 skipped when null) sharing one chroma row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToRgba420Wide<TReader>(byte* yRow0, byte* yRow1, byte* uRow, byte* vRow, uint* out0, uint* out1,
        int blocks, in YuvToRgbCoefficients c)
        where TReader : struct, IYuv420BlockReader
    {
        int e = TReader.ExtraBits;
        int bias = (1 << (15 + e)) - 1 - ((c.YOffset << e) * c.Cy), mid = 128 << e;
        // N = ~K = -K - 1 per channel (see above): negated coefficients, bias -1 - (constant part of K).
        Vector512<int> nrv = Vector512.Create(-c.Crv), nbu = Vector512.Create(-c.Cbu);
        Vector512<int> gu = Vector512.Create(c.Cgu), gv = Vector512.Create(c.Cgv);
        Vector512<int> biasR = Vector512.Create(-1 - (bias - (mid * c.Crv))), biasB = Vector512.Create(-1 - (bias - (mid * c.Cbu)));
        Vector512<int> biasG = Vector512.Create(-1 - (bias + (mid * (c.Cgu + c.Cgv))));
        Vector512<ushort> cyl = Vector512.Create((ushort)c.Cy);
        Vector512<ushort> lowWords = WideRgbaLanes.ChromaLowWords, highWords = WideRgbaLanes.ChromaHighWords;
        Vector512<byte> alpha = Vector512<byte>.AllBitsSet;
        for (int block = 0; block < blocks; block++)
        {
            int x = 64 * block;
            TReader.Chroma32(uRow, vRow, x, out Vector512<int> u0, out Vector512<int> u1, out Vector512<int> v0, out Vector512<int> v1);
            Vector512<int> r0 = (v0 * nrv) + biasR, r1 = (v1 * nrv) + biasR;
            Vector512<int> g0 = (u0 * gu) + (v0 * gv) + biasG, g1 = (u1 * gu) + (v1 * gv) + biasG;
            Vector512<int> b0 = (u0 * nbu) + biasB, b1 = (u1 * nbu) + biasB;
            var k = new WideChroma(
                Avx512BW.PermuteVar32x16(r0.AsUInt16(), lowWords), Avx512BW.PermuteVar32x16(r0.AsUInt16(), highWords),
                Avx512BW.PermuteVar32x16(r1.AsUInt16(), lowWords), Avx512BW.PermuteVar32x16(r1.AsUInt16(), highWords),
                Avx512BW.PermuteVar32x16(g0.AsUInt16(), lowWords), Avx512BW.PermuteVar32x16(g0.AsUInt16(), highWords),
                Avx512BW.PermuteVar32x16(g1.AsUInt16(), lowWords), Avx512BW.PermuteVar32x16(g1.AsUInt16(), highWords),
                Avx512BW.PermuteVar32x16(b0.AsUInt16(), lowWords), Avx512BW.PermuteVar32x16(b0.AsUInt16(), highWords),
                Avx512BW.PermuteVar32x16(b1.AsUInt16(), lowWords), Avx512BW.PermuteVar32x16(b1.AsUInt16(), highWords));
            WideRgbaRow<TReader>(yRow0, x, out0 + x, cyl, alpha, k);
            if (yRow1 != null)
            {
                WideRgbaRow<TReader>(yRow1, x, out1 + x, cyl, alpha, k);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideRgbaRow<TReader>(byte* yRow, int x, uint* output, Vector512<ushort> cyl, Vector512<byte> alpha, in WideChroma k)
        where TReader : struct, IYuv420BlockReader
    {
        TReader.Luma64(yRow, x, out Vector512<ushort> y0, out Vector512<ushort> y1);
        Vector512<ushort> ah0 = y0 + Avx512BW.MultiplyHigh(y0, cyl), al0 = Avx512BW.MultiplyLow(y0, cyl);
        Vector512<ushort> ah1 = y1 + Avx512BW.MultiplyHigh(y1, cyl), al1 = Avx512BW.MultiplyLow(y1, cyl);
        Vector512<byte> r = Avx512BW.PackUnsignedSaturate(
            Channel<TReader>(ah0, al0, k.RLow0, k.RHigh0), Channel<TReader>(ah1, al1, k.RLow1, k.RHigh1));
        Vector512<byte> g = Avx512BW.PackUnsignedSaturate(
            Channel<TReader>(ah0, al0, k.GLow0, k.GHigh0), Channel<TReader>(ah1, al1, k.GLow1, k.GHigh1));
        Vector512<byte> b = Avx512BW.PackUnsignedSaturate(
            Channel<TReader>(ah0, al0, k.BLow0, k.BHigh0), Channel<TReader>(ah1, al1, k.BLow1, k.BHigh1));
        Vector512<short> rgLow = Avx512BW.UnpackLow(r, g).AsInt16(), rgHigh = Avx512BW.UnpackHigh(r, g).AsInt16();
        Vector512<short> baLow = Avx512BW.UnpackLow(b, alpha).AsInt16();
        Vector512<short> baHigh = Avx512BW.UnpackHigh(b, alpha).AsInt16();
        Avx512BW.UnpackLow(rgLow, baLow).Store((short*)output);
        Avx512BW.UnpackHigh(rgLow, baLow).Store((short*)(output + 16));
        Avx512BW.UnpackLow(rgHigh, baHigh).Store((short*)(output + 32));
        Avx512BW.UnpackHigh(rgHigh, baHigh).Store((short*)(output + 48));
    }

    /// <summary>floor((Y*cy + K + 1) / 2^(16+e)) from the 16-bit halves of Y*cy and N = ~K (see above).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Channel<TReader>(Vector512<ushort> ah, Vector512<ushort> al, Vector512<ushort> nl, Vector512<ushort> nh)
        where TReader : struct, IYuv420BlockReader
    {
        Vector512<ushort> sum = ah - nh;
        Vector512<short> result = Vector512.ConditionalSelect(Vector512.LessThan(al, nl), sum - Vector512<ushort>.One, sum).AsInt16();
        return TReader.ExtraBits == 0 ? result : Vector512.ShiftRightArithmetic(result, TReader.ExtraBits);
    }
}
