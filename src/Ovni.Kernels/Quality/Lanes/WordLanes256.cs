// Why: the Vector256 tier of IWordLanes (AVX2), for the VMAF extractors' filters.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality.Lanes;

/// <summary>16 16-bit lanes per vector (AVX2).</summary>
internal readonly unsafe struct WordLanes256 : IWordLanes<Vector256<short>>
{
    /// <summary>Whether this tier runs in hardware here.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    public static int Count16 => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Load(void* source) => Vector256.Load((short*)source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<short> value, void* destination) => value.Store((short*)destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> LoadWidened(ushort* source) => Avx2.ConvertToVector256Int32(source).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Splat16(short value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Splat32(int value) => Vector256.Create(value).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Add16(Vector256<short> a, Vector256<short> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Subtract16(Vector256<short> a, Vector256<short> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyLow16(Vector256<short> a, Vector256<short> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Add32(Vector256<short> a, Vector256<short> b) => (a.AsInt32() + b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Subtract32(Vector256<short> a, Vector256<short> b) => (a.AsInt32() - b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyLow32(Vector256<short> a, Vector256<short> b) => (a.AsInt32() * b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyHighRounded32(Vector256<short> a, Vector256<short> b)
    {
        var round = Vector256.Create(0x80000000UL);
        var even = Avx2.Multiply(a.AsUInt32(), b.AsUInt32()) + round;
        var odd = Avx2.Multiply((a.AsUInt64() >> 32).AsUInt32(), (b.AsUInt64() >> 32).AsUInt32()) + round;
        return ((even >> 32) | (odd & Vector256.Create(0xFFFFFFFF00000000UL))).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyAddAdjacent(Vector256<short> a, Vector256<short> b) => Avx2.MultiplyAddAdjacent(a, b).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> And(Vector256<short> a, Vector256<short> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Xor(Vector256<short> a, Vector256<short> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> ShiftLeft32(Vector256<short> a, int count) => (a.AsInt32() << count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> ShiftRightLogical32(Vector256<short> a, int count) => (a.AsUInt32() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Max32(Vector256<short> a, Vector256<short> b) => Vector256.Max(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> InterleaveLow16(Vector256<short> a, Vector256<short> b) => Avx2.UnpackLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> InterleaveHigh16(Vector256<short> a, Vector256<short> b) => Avx2.UnpackHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> PackUnsigned(Vector256<short> low, Vector256<short> high) =>
        Avx2.PackUnsignedSaturate(low.AsInt32(), high.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Narrow(Vector256<short> a, Vector256<short> b) => Vector256.Narrow(a.AsUInt32(), b.AsUInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Or(Vector256<short> a, Vector256<short> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> ShiftRightArithmetic32(Vector256<short> a, int count) => (a.AsInt32() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Abs32(Vector256<short> a) => Vector256.Abs(a.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Min32(Vector256<short> a, Vector256<short> b) => Vector256.Min(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> GreaterThan32(Vector256<short> a, Vector256<short> b) => Vector256.GreaterThan(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Select(Vector256<short> mask, Vector256<short> a, Vector256<short> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> AngleFlag(Vector256<short> dot, Vector256<short> po, Vector256<short> pt, double cos2)
    {
        var scale = Vector256.Create(1.0 / 4096.0);
        var fDot = Vector256.ConvertToSingle(dot.AsInt32());
        var fPo = Vector256.ConvertToSingle(po.AsInt32());
        var fPt = Vector256.ConvertToSingle(pt.AsInt32());
        var low = AngleHalf(Vector256.WidenLower(fDot) * scale, Vector256.WidenLower(fPo) * scale, Vector256.WidenLower(fPt) * scale, cos2);
        var high = AngleHalf(Vector256.WidenUpper(fDot) * scale, Vector256.WidenUpper(fPo) * scale, Vector256.WidenUpper(fPt) * scale, cos2);
        return Vector256.Narrow(low, high).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> AngleHalf(Vector256<double> dot, Vector256<double> po, Vector256<double> pt, double cos2) =>
        (Vector256.GreaterThanOrEqual(dot, Vector256<double>.Zero) & Vector256.GreaterThanOrEqual(dot * dot, Vector256.Create(cos2) * po * pt)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Splat64(long value) => Vector256.Create(value).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Add64(Vector256<short> a, Vector256<short> b) => (a.AsInt64() + b.AsInt64()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> ShiftRightLogical64(Vector256<short> a, int count) => (a.AsUInt64() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Sum64(Vector256<short> a) => Vector256.Sum(a.AsInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> PackSigned(Vector256<short> low, Vector256<short> high) => Avx2.PackSignedSaturate(low.AsInt32(), high.AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Gather32(int* table, Vector256<short> index) => Avx2.GatherVector256(table, index.AsInt32(), 4).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyEvenUnsigned(Vector256<short> a, Vector256<short> b) => Avx2.Multiply(a.AsUInt32(), b.AsUInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> NarrowInt64(Vector256<short> a, Vector256<short> b) => Vector256.Narrow(a.AsInt64(), b.AsInt64()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> ShiftLeft64(Vector256<short> a, int count) => (a.AsInt64() << count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyEvenSigned(Vector256<short> a, Vector256<short> b) => Avx2.Multiply(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> MultiplyHighUnsigned16(Vector256<short> a, Vector256<short> b) => Avx2.MultiplyHigh(a.AsUInt16(), b.AsUInt16()).AsInt16();
}
