// Why: bicubic's row format for the AVX2/128-bit horizontal pass: ((H + 64) >> 7) - 16384 as a short.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct CubicLanes : ILaneFilter
{
    private const int Offset = PlaneScale.CubicHalf - (16384 << PlaneScale.CubicShift);

    public static int Groups => 2;

    public static int OutputBytes => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector256<int> lo, Vector256<int> hi, byte* output, nint second)
    {
        Vector256<int> offset = Vector256.Create(Offset);
        Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo + offset, PlaneScale.CubicShift), Avx2.ShiftRightArithmetic(hi + offset, PlaneScale.CubicShift))
            .Store((short*)output);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(Vector128<int> lo, Vector128<int> hi, byte* output, nint second)
    {
        Vector128<int> offset = Vector128.Create(Offset);
        Simd128.PackSignedSaturate(Vector128.ShiftRightArithmetic(lo + offset, PlaneScale.CubicShift), Vector128.ShiftRightArithmetic(hi + offset, PlaneScale.CubicShift))
            .Store((short*)output);
    }

    public static void Scalar(byte* source, void* row, nint second, int* offsets, int* weights, int first, int count) =>
        CubicPasses.Scalar(source, (short*)row + first, offsets + (4 * first), weights + (4 * first), count);
}
