// Why: the bicubic vertical pass on AVX2 (32 outputs per step) and 128-bit vector units (16), from the same biased
// 16-bit rows the AVX-512 and lane horizontal passes write; one multiply-add per pair of rows, as on AVX-512.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class CubicPasses
{
    /// <summary>One output row from the biased sums of its 4 source rows (AVX2, then 128-bit, then scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VerticalLanes(short** rows, ReadOnlySpan<int> w, byte* output, int length)
    {
        short* r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
        int i = 0, pair01 = (w[1] << 16) | (w[0] & 0xFFFF), pair23 = (w[3] << 16) | (w[2] & 0xFFFF);
        if (Avx2.IsSupported)
        {
            Vector256<short> w01 = Vector256.Create(pair01).AsInt16(), w23 = Vector256.Create(pair23).AsInt16();
            Vector256<int> bias = Vector256.Create(VerticalBias);
            for (; i <= length - 32; i += 32)
            {
                Vector256<short> first = Columns16(r0 + i, r1 + i, r2 + i, r3 + i, w01, w23, bias);
                Vector256<short> second = Columns16(r0 + i + 16, r1 + i + 16, r2 + i + 16, r3 + i + 16, w01, w23, bias);
                Avx2.Permute4x64(Avx2.PackUnsignedSaturate(first, second).AsInt64(), 0b11_01_10_00).AsByte().Store(output + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<short> w01 = Vector128.Create(pair01).AsInt16(), w23 = Vector128.Create(pair23).AsInt16();
            Vector128<int> bias = Vector128.Create(VerticalBias);
            for (; i <= length - 16; i += 16)
            {
                Vector128<short> first = Columns8(r0 + i, r1 + i, r2 + i, r3 + i, w01, w23, bias);
                Vector128<short> second = Columns8(r0 + i + 8, r1 + i + 8, r2 + i + 8, r3 + i + 8, w01, w23, bias);
                Simd128.PackUnsignedSaturate(first, second).Store(output + i);
            }
        }

        for (; i < length; i++)
        {
            int acc = (w[0] * r0[i]) + (w[1] * r1[i]) + (w[2] * r2[i]) + (w[3] * r3[i]) + VerticalBias;
            output[i] = (byte)Math.Clamp(acc >> 21, 0, 255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Columns16(short* r0, short* r1, short* r2, short* r3, Vector256<short> w01, Vector256<short> w23, Vector256<int> bias)
    {
        Vector256<short> a = Vector256.Load(r0), b = Vector256.Load(r1), c = Vector256.Load(r2), d = Vector256.Load(r3);
        Vector256<int> low = bias + Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, b), w01) + Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(c, d), w23);
        Vector256<int> high = bias + Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, b), w01) + Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(c, d), w23);
        return Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(low, 21), Avx2.ShiftRightArithmetic(high, 21));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Columns8(short* r0, short* r1, short* r2, short* r3, Vector128<short> w01, Vector128<short> w23, Vector128<int> bias)
    {
        Vector128<short> a = Vector128.Load(r0), b = Vector128.Load(r1), c = Vector128.Load(r2), d = Vector128.Load(r3);
        Vector128<int> low = bias + Simd128.MultiplyAddAdjacent(Simd128.InterleaveLow(a, b), w01) + Simd128.MultiplyAddAdjacent(Simd128.InterleaveLow(c, d), w23);
        Vector128<int> high = bias + Simd128.MultiplyAddAdjacent(Simd128.InterleaveHigh(a, b), w01) + Simd128.MultiplyAddAdjacent(Simd128.InterleaveHigh(c, d), w23);
        return Simd128.PackSignedSaturate(Vector128.ShiftRightArithmetic(low, 21), Vector128.ShiftRightArithmetic(high, 21));
    }
}
