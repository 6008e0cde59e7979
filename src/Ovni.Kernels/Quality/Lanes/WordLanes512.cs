// Why: the Vector512 tier of IWordLanes (AVX-512 F + BW), for the VMAF extractors' filters.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality.Lanes;

/// <summary>32 16-bit lanes per vector (AVX-512).</summary>
internal readonly unsafe struct WordLanes512 : IWordLanes<Vector512<short>>
{
    /// <summary>Whether this tier runs in hardware here.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512BW.IsSupported;

    public static int Count16 => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Load(void* source) => Vector512.Load((short*)source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<short> value, void* destination) => value.Store((short*)destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> LoadWidened(ushort* source) => Avx512F.ConvertToVector512Int32(Vector256.Load(source)).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Splat16(short value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Splat32(int value) => Vector512.Create(value).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Add16(Vector512<short> a, Vector512<short> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Subtract16(Vector512<short> a, Vector512<short> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyLow16(Vector512<short> a, Vector512<short> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Add32(Vector512<short> a, Vector512<short> b) => (a.AsInt32() + b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Subtract32(Vector512<short> a, Vector512<short> b) => (a.AsInt32() - b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyLow32(Vector512<short> a, Vector512<short> b) => (a.AsInt32() * b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyHighRounded32(Vector512<short> a, Vector512<short> b)
    {
        var round = Vector512.Create(0x80000000UL);
        var even = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32()) + round;
        var odd = Avx512F.Multiply((a.AsUInt64() >> 32).AsUInt32(), (b.AsUInt64() >> 32).AsUInt32()) + round;
        return ((even >> 32) | (odd & Vector512.Create(0xFFFFFFFF00000000UL))).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyAddAdjacent(Vector512<short> a, Vector512<short> b) => Avx512BW.MultiplyAddAdjacent(a, b).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> And(Vector512<short> a, Vector512<short> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Xor(Vector512<short> a, Vector512<short> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> ShiftLeft32(Vector512<short> a, int count) => (a.AsInt32() << count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> ShiftRightLogical32(Vector512<short> a, int count) => (a.AsUInt32() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Max32(Vector512<short> a, Vector512<short> b) => Vector512.Max(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> InterleaveLow16(Vector512<short> a, Vector512<short> b) => Avx512BW.UnpackLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> InterleaveHigh16(Vector512<short> a, Vector512<short> b) => Avx512BW.UnpackHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> PackUnsigned(Vector512<short> low, Vector512<short> high) =>
        Avx512BW.PackUnsignedSaturate(low.AsInt32(), high.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Narrow(Vector512<short> a, Vector512<short> b) => Vector512.Narrow(a.AsUInt32(), b.AsUInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Or(Vector512<short> a, Vector512<short> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> ShiftRightArithmetic32(Vector512<short> a, int count) => (a.AsInt32() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Abs32(Vector512<short> a) => Vector512.Abs(a.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Min32(Vector512<short> a, Vector512<short> b) => Vector512.Min(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> GreaterThan32(Vector512<short> a, Vector512<short> b) => Vector512.GreaterThan(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Select(Vector512<short> mask, Vector512<short> a, Vector512<short> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> AngleFlag(Vector512<short> dot, Vector512<short> po, Vector512<short> pt, double cos2)
    {
        var scale = Vector512.Create(1.0 / 4096.0);
        var fDot = Vector512.ConvertToSingle(dot.AsInt32());
        var fPo = Vector512.ConvertToSingle(po.AsInt32());
        var fPt = Vector512.ConvertToSingle(pt.AsInt32());
        var low = AngleHalf(Vector512.WidenLower(fDot) * scale, Vector512.WidenLower(fPo) * scale, Vector512.WidenLower(fPt) * scale, cos2);
        var high = AngleHalf(Vector512.WidenUpper(fDot) * scale, Vector512.WidenUpper(fPo) * scale, Vector512.WidenUpper(fPt) * scale, cos2);
        return Vector512.Narrow(low, high).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> AngleHalf(Vector512<double> dot, Vector512<double> po, Vector512<double> pt, double cos2) =>
        (Vector512.GreaterThanOrEqual(dot, Vector512<double>.Zero) & Vector512.GreaterThanOrEqual(dot * dot, Vector512.Create(cos2) * po * pt)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Splat64(long value) => Vector512.Create(value).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Add64(Vector512<short> a, Vector512<short> b) => (a.AsInt64() + b.AsInt64()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> ShiftRightLogical64(Vector512<short> a, int count) => (a.AsUInt64() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Sum64(Vector512<short> a) => Vector512.Sum(a.AsInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> PackSigned(Vector512<short> low, Vector512<short> high) => Avx512BW.PackSignedSaturate(low.AsInt32(), high.AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> Gather32(int* table, Vector512<short> index) =>
        Vector512.Create(Avx2.GatherVector256(table, index.AsInt32().GetLower(), 4), Avx2.GatherVector256(table, index.AsInt32().GetUpper(), 4)).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyEvenUnsigned(Vector512<short> a, Vector512<short> b) => Avx512F.Multiply(a.AsUInt32(), b.AsUInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> NarrowInt64(Vector512<short> a, Vector512<short> b) => Vector512.Narrow(a.AsInt64(), b.AsInt64()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> ShiftLeft64(Vector512<short> a, int count) => (a.AsInt64() << count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyEvenSigned(Vector512<short> a, Vector512<short> b) => Avx512F.Multiply(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<short> MultiplyHighUnsigned16(Vector512<short> a, Vector512<short> b) => Avx512BW.MultiplyHigh(a.AsUInt16(), b.AsUInt16()).AsInt16();
}
