// Why: YUV -> RGBA on 128-bit vector units (ARM NEON; x86 without AVX2) in 16-bit lanes, 16 pixels per step, with the
// integers of ovni_yuv_to_rgba. Written with the cross-platform Vector128 API; the few operations it has no single call
// for (multiply-high, saturating pack, byte and word interleave) come from Simd128, which uses the SSE2 instruction
// where there is one. Everything stays in pixel order, so no lane shuffles are needed.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class ColorConversion
{
    /// <summary>Converts 16-pixel blocks of luma rows 0 and 1 (row 1 skipped when null) from x on; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ToRgba420Vector128<TReader>(byte* yRow0, byte* yRow1, byte* uRow, byte* vRow, uint* out0, uint* out1,
        int x, int width, in YuvToRgbCoefficients c)
        where TReader : struct, IYuv420BlockReader
    {
        if (!Vector128.IsHardwareAccelerated || x > width - 16)
        {
            return x;
        }

        RgbaWeights128 w = new(c);
        bool stream = Streams128(out0 + x) && (yRow1 == null || Streams128(out1 + x));
        for (; x <= width - 16; x += 16)
        {
            TReader.Chroma8(uRow, vRow, x, out Vector128<ushort> u, out Vector128<ushort> v);
            Vector128<short> r = w.Kr + Simd128.MultiplyHigh(v, w.Rv).AsInt16();
            Vector128<short> g = w.Kg - Simd128.MultiplyHigh(u, w.Gu).AsInt16() - Simd128.MultiplyHigh(v, w.Gv).AsInt16();
            Vector128<short> b = w.Kb + Simd128.MultiplyHigh(u, w.Bu).AsInt16();
            // Chroma sample s serves pixels 2s and 2s+1.
            var k = new ChromaTerms<Vector128<short>>(Simd128.InterleaveLow(r, r), Simd128.InterleaveHigh(r, r),
                Simd128.InterleaveLow(g, g), Simd128.InterleaveHigh(g, g), Simd128.InterleaveLow(b, b), Simd128.InterleaveHigh(b, b));
            TReader.Luma16(yRow0, x, out Vector128<ushort> lo, out Vector128<ushort> hi);
            Rgba16(lo, hi, out0 + x, w.Y, k, stream);
            if (yRow1 != null)
            {
                TReader.Luma16(yRow1, x, out lo, out hi);
                Rgba16(lo, hi, out1 + x, w.Y, k, stream);
            }
        }

        FenceStreams(stream);
        return x;
    }

    /// <summary>Converts 16-pixel blocks of one YUV444P row from x on; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ToRgba444Vector128(byte* yRow, byte* uRow, byte* vRow, uint* output, int x, int width, in YuvToRgbCoefficients c)
    {
        if (!Vector128.IsHardwareAccelerated || x > width - 16)
        {
            return x;
        }

        RgbaWeights128 w = new(c);
        bool stream = Streams128(output + x);
        for (; x <= width - 16; x += 16)
        {
            Yuv420PSampleReader.Top16(uRow + x, out Vector128<ushort> u0, out Vector128<ushort> u1);
            Yuv420PSampleReader.Top16(vRow + x, out Vector128<ushort> v0, out Vector128<ushort> v1);
            var k = new ChromaTerms<Vector128<short>>(
                w.Kr + Simd128.MultiplyHigh(v0, w.Rv).AsInt16(), w.Kr + Simd128.MultiplyHigh(v1, w.Rv).AsInt16(),
                w.Kg - Simd128.MultiplyHigh(u0, w.Gu).AsInt16() - Simd128.MultiplyHigh(v0, w.Gv).AsInt16(),
                w.Kg - Simd128.MultiplyHigh(u1, w.Gu).AsInt16() - Simd128.MultiplyHigh(v1, w.Gv).AsInt16(),
                w.Kb + Simd128.MultiplyHigh(u0, w.Bu).AsInt16(), w.Kb + Simd128.MultiplyHigh(u1, w.Bu).AsInt16());
            Yuv420PSampleReader.Top16(yRow + x, out Vector128<ushort> lo, out Vector128<ushort> hi);
            Rgba16(lo, hi, output + x, w.Y, k, stream);
        }

        FenceStreams(stream);
        return x;
    }

    /// <summary>True where x86 can stream a row's RGBA past the caches (16-byte aligned; see <see cref="Streams"/>).</summary>
    private static bool Streams128(uint* output) => Sse2.IsSupported && ((nint)output & 15) == 0;

    /// <summary>16 pixels from luma words (pixels 0..7, 8..15) and their chroma terms (streamed past the caches when asked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rgba16(Vector128<ushort> lumaLow, Vector128<ushort> lumaHigh, uint* output, Vector128<ushort> lumaWeight,
        in ChromaTerms<Vector128<short>> k, bool stream)
    {
        Vector128<short> a0 = Simd128.MultiplyHigh(lumaLow, lumaWeight).AsInt16(), a1 = Simd128.MultiplyHigh(lumaHigh, lumaWeight).AsInt16();
        Vector128<byte> red = Simd128.PackUnsignedSaturate(Channel(a0, k.R0), Channel(a1, k.R1));
        Vector128<byte> green = Simd128.PackUnsignedSaturate(Channel(a0, k.G0), Channel(a1, k.G1));
        Vector128<byte> blue = Simd128.PackUnsignedSaturate(Channel(a0, k.B0), Channel(a1, k.B1));
        Vector128<byte> alpha = Vector128<byte>.AllBitsSet;
        Vector128<short> rgLow = Simd128.InterleaveLow(red, green).AsInt16(), rgHigh = Simd128.InterleaveHigh(red, green).AsInt16();
        Vector128<short> baLow = Simd128.InterleaveLow(blue, alpha).AsInt16(), baHigh = Simd128.InterleaveHigh(blue, alpha).AsInt16();
        if (Sse2.IsSupported && stream)
        {
            Sse2.StoreAlignedNonTemporal((short*)output, Simd128.InterleaveLow(rgLow, baLow));
            Sse2.StoreAlignedNonTemporal((short*)(output + 4), Simd128.InterleaveHigh(rgLow, baLow));
            Sse2.StoreAlignedNonTemporal((short*)(output + 8), Simd128.InterleaveLow(rgHigh, baHigh));
            Sse2.StoreAlignedNonTemporal((short*)(output + 12), Simd128.InterleaveHigh(rgHigh, baHigh));
            return;
        }

        Simd128.InterleaveLow(rgLow, baLow).Store((short*)output);
        Simd128.InterleaveHigh(rgLow, baLow).Store((short*)(output + 4));
        Simd128.InterleaveLow(rgHigh, baHigh).Store((short*)(output + 8));
        Simd128.InterleaveHigh(rgHigh, baHigh).Store((short*)(output + 12));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Channel(Vector128<short> a, Vector128<short> k) =>
        Vector128.ShiftRightArithmetic(a + k, ColorMatrixTable.InverseFractionBits);
}
