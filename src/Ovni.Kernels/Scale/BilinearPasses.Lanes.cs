// Why: the bilinear vertical pass on AVX2 (32 outputs per step) and 128-bit vector units (16), from the same biased
// 16-bit rows the AVX-512 and lane horizontal passes write; one multiply-add per pair of rows, as on AVX-512.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class BilinearPasses
{
    /// <summary>One output row from the biased horizontal sums of its two source rows (AVX2, then 128-bit, then scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VerticalLanes(short* top, short* bottom, int fy, byte* output, int length)
    {
        int i = 0, pair = (fy << 16) | (256 - fy);
        if (Avx2.IsSupported)
        {
            Vector256<short> weights = Vector256.Create(pair).AsInt16();
            Vector256<int> bias = Vector256.Create(VerticalBias);
            for (; i <= length - 32; i += 32)
            {
                // packuswb interleaves the lanes' quadwords; vpermq puts them back in order.
                Vector256<byte> bytes = Avx2.PackUnsignedSaturate(Columns16(top + i, bottom + i, weights, bias), Columns16(top + i + 16, bottom + i + 16, weights, bias));
                Avx2.Permute4x64(bytes.AsInt64(), 0b11_01_10_00).AsByte().Store(output + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<short> weights = Vector128.Create(pair).AsInt16();
            Vector128<int> bias = Vector128.Create(VerticalBias);
            for (; i <= length - 16; i += 16)
            {
                Simd128.PackUnsignedSaturate(Columns8(top + i, bottom + i, weights, bias), Columns8(top + i + 8, bottom + i + 8, weights, bias)).Store(output + i);
            }
        }

        for (; i < length; i++)
        {
            output[i] = (byte)(((top[i] * (256 - fy)) + (bottom[i] * fy) + VerticalBias) >> 16);
        }
    }

    /// <summary>16 outputs in order: unpacks split each lane's columns, packssdw (per lane) restores them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Columns16(short* top, short* bottom, Vector256<short> weights, Vector256<int> bias)
    {
        Vector256<short> a = Vector256.Load(top), c = Vector256.Load(bottom);
        Vector256<int> low = Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, c), weights) + bias;
        Vector256<int> high = Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, c), weights) + bias;
        return Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(low, 16), Avx2.ShiftRightArithmetic(high, 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Columns8(short* top, short* bottom, Vector128<short> weights, Vector128<int> bias)
    {
        Vector128<short> a = Vector128.Load(top), c = Vector128.Load(bottom);
        Vector128<int> low = Simd128.MultiplyAddAdjacent(Simd128.InterleaveLow(a, c), weights) + bias;
        Vector128<int> high = Simd128.MultiplyAddAdjacent(Simd128.InterleaveHigh(a, c), weights) + bias;
        return Simd128.PackSignedSaturate(Vector128.ShiftRightArithmetic(low, 16), Vector128.ShiftRightArithmetic(high, 16));
    }
}
