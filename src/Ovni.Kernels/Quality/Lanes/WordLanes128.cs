// Why: the Vector128 tier of IWordLanes: SSE4.1 on x86 without AVX2, NEON on ARM64. Plain Vector128 operations where
// they map to one instruction on both; pmaddwd, interleave and pack through Sse2/Sse41 or AdvSimd, with a portable
// fallback for anything else.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality.Lanes;

/// <summary>8 16-bit lanes per vector (SSE4.1 or NEON).</summary>
internal readonly unsafe struct WordLanes128 : IWordLanes<Vector128<short>>
{
    public static int Count16 => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Load(void* source) => Vector128.Load((short*)source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<short> value, void* destination) => value.Store((short*)destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> LoadWidened(ushort* source)
    {
        if (Sse41.IsSupported) return Sse41.ConvertToVector128Int32(source).AsInt16();
        return Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(source)).AsUInt16()).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Splat16(short value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Splat32(int value) => Vector128.Create(value).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Add16(Vector128<short> a, Vector128<short> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Subtract16(Vector128<short> a, Vector128<short> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyLow16(Vector128<short> a, Vector128<short> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Add32(Vector128<short> a, Vector128<short> b) => (a.AsInt32() + b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Subtract32(Vector128<short> a, Vector128<short> b) => (a.AsInt32() - b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyLow32(Vector128<short> a, Vector128<short> b) => (a.AsInt32() * b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyHighRounded32(Vector128<short> a, Vector128<short> b)
    {
        var round = Vector128.Create(0x80000000UL);
        if (Sse2.IsSupported)
        {
            var even = Sse2.Multiply(a.AsUInt32(), b.AsUInt32()) + round;
            var odd = Sse2.Multiply((a.AsUInt64() >> 32).AsUInt32(), (b.AsUInt64() >> 32).AsUInt32()) + round;
            return ((even >> 32) | (odd & Vector128.Create(0xFFFFFFFF00000000UL))).AsInt16();
        }
        if (AdvSimd.IsSupported)
        {
            var lower = AdvSimd.MultiplyWideningLower(a.AsUInt32().GetLower(), b.AsUInt32().GetLower()) + round;
            var upper = AdvSimd.MultiplyWideningUpper(a.AsUInt32(), b.AsUInt32()) + round;
            return AdvSimd.ShiftRightLogicalNarrowingUpper(AdvSimd.ShiftRightLogicalNarrowingLower(lower, 32), upper, 32).AsInt16();
        }
        var (aLow, aHigh) = Vector128.Widen(a.AsUInt32());
        var (bLow, bHigh) = Vector128.Widen(b.AsUInt32());
        return Vector128.Narrow((aLow * bLow + round) >> 32, (aHigh * bHigh + round) >> 32).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyAddAdjacent(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyAddAdjacent(a, b).AsInt16();
        if (AdvSimd.Arm64.IsSupported)
            return AdvSimd.Arm64.AddPairwise(AdvSimd.MultiplyWideningLower(a.GetLower(), b.GetLower()), AdvSimd.MultiplyWideningUpper(a, b)).AsInt16();
        var (aLow, aHigh) = Vector128.Widen(a);
        var (bLow, bHigh) = Vector128.Widen(b);
        return Vector128.Narrow(PairSums(aLow * bLow), PairSums(aHigh * bHigh)).AsInt16();
    }

    // (p0 + p1, p2 + p3) of four int products, as two long lanes (portable fallback of pmaddwd).
    private static Vector128<long> PairSums(Vector128<int> products)
    {
        var pairs = products.AsInt64();
        return ((pairs << 32) >> 32) + (pairs >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> And(Vector128<short> a, Vector128<short> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Xor(Vector128<short> a, Vector128<short> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> ShiftLeft32(Vector128<short> a, int count) => (a.AsInt32() << count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> ShiftRightLogical32(Vector128<short> a, int count) => (a.AsUInt32() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Max32(Vector128<short> a, Vector128<short> b) => Vector128.Max(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> InterleaveLow16(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.UnpackLow(a, b);
        if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.ZipLow(a, b);
        return (Vector128.WidenLower(a.AsUInt16()) | (Vector128.WidenLower(b.AsUInt16()) << 16)).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> InterleaveHigh16(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.UnpackHigh(a, b);
        if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.ZipHigh(a, b);
        return (Vector128.WidenUpper(a.AsUInt16()) | (Vector128.WidenUpper(b.AsUInt16()) << 16)).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> PackUnsigned(Vector128<short> low, Vector128<short> high)
    {
        if (Sse41.IsSupported) return Sse41.PackUnsignedSaturate(low.AsInt32(), high.AsInt32()).AsInt16();
        return Vector128.Narrow(low.AsUInt32(), high.AsUInt32()).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Narrow(Vector128<short> a, Vector128<short> b) => Vector128.Narrow(a.AsUInt32(), b.AsUInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Or(Vector128<short> a, Vector128<short> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> ShiftRightArithmetic32(Vector128<short> a, int count) => (a.AsInt32() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Abs32(Vector128<short> a) => Vector128.Abs(a.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Min32(Vector128<short> a, Vector128<short> b) => Vector128.Min(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> GreaterThan32(Vector128<short> a, Vector128<short> b) => Vector128.GreaterThan(a.AsInt32(), b.AsInt32()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Select(Vector128<short> mask, Vector128<short> a, Vector128<short> b) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> AngleFlag(Vector128<short> dot, Vector128<short> po, Vector128<short> pt, double cos2)
    {
        var scale = Vector128.Create(1.0 / 4096.0);
        var fDot = Vector128.ConvertToSingle(dot.AsInt32());
        var fPo = Vector128.ConvertToSingle(po.AsInt32());
        var fPt = Vector128.ConvertToSingle(pt.AsInt32());
        var low = AngleHalf(Vector128.WidenLower(fDot) * scale, Vector128.WidenLower(fPo) * scale, Vector128.WidenLower(fPt) * scale, cos2);
        var high = AngleHalf(Vector128.WidenUpper(fDot) * scale, Vector128.WidenUpper(fPo) * scale, Vector128.WidenUpper(fPt) * scale, cos2);
        return Vector128.Narrow(low, high).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<long> AngleHalf(Vector128<double> dot, Vector128<double> po, Vector128<double> pt, double cos2) =>
        (Vector128.GreaterThanOrEqual(dot, Vector128<double>.Zero) & Vector128.GreaterThanOrEqual(dot * dot, Vector128.Create(cos2) * po * pt)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Splat64(long value) => Vector128.Create(value).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Add64(Vector128<short> a, Vector128<short> b) => (a.AsInt64() + b.AsInt64()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> ShiftRightLogical64(Vector128<short> a, int count) => (a.AsUInt64() >> count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Sum64(Vector128<short> a) => Vector128.Sum(a.AsInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> PackSigned(Vector128<short> low, Vector128<short> high)
    {
        if (Sse2.IsSupported) return Sse2.PackSignedSaturate(low.AsInt32(), high.AsInt32());
        return Vector128.Narrow(low.AsInt32(), high.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Gather32(int* table, Vector128<short> index)
    {
        if (Avx2.IsSupported) return Avx2.GatherVector128(table, index.AsInt32(), 4).AsInt16();
        var i = index.AsInt32();
        return Vector128.Create(table[i.GetElement(0)], table[i.GetElement(1)], table[i.GetElement(2)], table[i.GetElement(3)]).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyEvenUnsigned(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.Multiply(a.AsUInt32(), b.AsUInt32()).AsInt16();
        if (AdvSimd.IsSupported)
            return AdvSimd.MultiplyWideningLower(AdvSimd.ExtractNarrowingLower(a.AsUInt64()), AdvSimd.ExtractNarrowingLower(b.AsUInt64())).AsInt16();
        var mask = Vector128.Create(0xFFFFFFFFUL);
        return ((a.AsUInt64() & mask) * (b.AsUInt64() & mask)).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> NarrowInt64(Vector128<short> a, Vector128<short> b) => Vector128.Narrow(a.AsInt64(), b.AsInt64()).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> ShiftLeft64(Vector128<short> a, int count) => (a.AsInt64() << count).AsInt16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyEvenSigned(Vector128<short> a, Vector128<short> b)
    {
        if (Sse41.IsSupported) return Sse41.Multiply(a.AsInt32(), b.AsInt32()).AsInt16();
        if (AdvSimd.IsSupported)
            return AdvSimd.MultiplyWideningLower(AdvSimd.ExtractNarrowingLower(a.AsInt64()), AdvSimd.ExtractNarrowingLower(b.AsInt64())).AsInt16();
        return (((a.AsInt64() << 32) >> 32) * ((b.AsInt64() << 32) >> 32)).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyHighUnsigned16(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyHigh(a.AsUInt16(), b.AsUInt16()).AsInt16();
        if (AdvSimd.IsSupported)
        {
            var lower = AdvSimd.MultiplyWideningLower(a.AsUInt16().GetLower(), b.AsUInt16().GetLower());
            var upper = AdvSimd.MultiplyWideningUpper(a.AsUInt16(), b.AsUInt16());
            return AdvSimd.ShiftRightLogicalNarrowingUpper(AdvSimd.ShiftRightLogicalNarrowingLower(lower, 16), upper, 16).AsInt16();
        }
        var (aLow, aHigh) = Vector128.Widen(a.AsUInt16());
        var (bLow, bHigh) = Vector128.Widen(b.AsUInt16());
        return Vector128.Narrow((aLow * bLow) >> 16, (aHigh * bHigh) >> 16).AsInt16();
    }
}
