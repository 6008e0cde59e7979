// Why: the 128-bit paths of the CPU twins are written with the cross-platform Vector128 API so that they run on ARM
// NEON as well as on x86. A few operations the kernels lean on (16-bit multiply-adds, rounded multiply-highs,
// saturating packs, byte interleaves) have no cross-platform single call; each is here once, as the x86 instruction
// where the CPU has it and as portable Vector128 arithmetic giving the same lanes elsewhere. The portable forms are
// public to the tests (SimdHelperTests), which check them against the x86 instructions on every input class.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>128-bit lane operations with an x86 fast path and a portable twin (see <see cref="Portable"/>).</summary>
internal static class Simd128
{
    /// <summary>(a * b + 2^14) &gt;&gt; 15 per 16-bit lane (pmulhrsw); the product must not be 2^30 (-32768 squared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyHighRoundScale(Vector128<short> a, Vector128<short> b) =>
        Ssse3.IsSupported ? Ssse3.MultiplyHighRoundScale(a, b) : Portable.MultiplyHighRoundScale(a, b);

    /// <summary>a[2i] * b[2i] + a[2i+1] * b[2i+1] per 32-bit lane (pmaddwd); the sum must not be 2^31.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> MultiplyAddAdjacent(Vector128<short> a, Vector128<short> b) =>
        Sse2.IsSupported ? Sse2.MultiplyAddAdjacent(a, b) : Portable.MultiplyAddAdjacent(a, b);

    /// <summary>(a * b) &gt;&gt; 16 per unsigned 16-bit lane (pmulhuw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ushort> MultiplyHigh(Vector128<ushort> a, Vector128<ushort> b) =>
        Sse2.IsSupported ? Sse2.MultiplyHigh(a, b) : Portable.MultiplyHigh(a, b);

    /// <summary>Signed 16-bit lanes of a then b, each clamped to 0..255, as 16 bytes (packuswb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> PackUnsignedSaturate(Vector128<short> a, Vector128<short> b) =>
        Sse2.IsSupported ? Sse2.PackUnsignedSaturate(a, b) : Portable.PackUnsignedSaturate(a, b);

    /// <summary>Signed 32-bit lanes of a then b, each clamped to the 16-bit range (packssdw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> PackSignedSaturate(Vector128<int> a, Vector128<int> b) =>
        Sse2.IsSupported ? Sse2.PackSignedSaturate(a, b) : Vector128.NarrowWithSaturation(a, b);

    /// <summary>Bytes a0 b0 a1 b1 .. a7 b7 (punpcklbw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> InterleaveLow(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a, b) : Portable.InterleaveLow(a, b);

    /// <summary>Bytes a8 b8 .. a15 b15 (punpckhbw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> InterleaveHigh(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : Portable.InterleaveHigh(a, b);

    /// <summary>Words a0 b0 a1 b1 a2 b2 a3 b3 (punpcklwd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> InterleaveLow(Vector128<short> a, Vector128<short> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a, b) : Portable.InterleaveLow(a, b);

    /// <summary>Words a4 b4 .. a7 b7 (punpckhwd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> InterleaveHigh(Vector128<short> a, Vector128<short> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : Portable.InterleaveHigh(a, b);

    /// <summary>Even words of a, odd words of b (pblendw 0xAA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> BlendOddWords(Vector128<short> a, Vector128<short> b) =>
        Sse41.IsSupported ? Sse41.Blend(a, b, 0b1010_1010) : Portable.BlendOddWords(a, b);

    /// <summary>The same lanes from cross-platform Vector128 arithmetic only (what ARM NEON runs).</summary>
    internal static class Portable
    {
        public static Vector128<short> MultiplyHighRoundScale(Vector128<short> a, Vector128<short> b)
        {
            (Vector128<int> aLo, Vector128<int> aHi) = Vector128.Widen(a);
            (Vector128<int> bLo, Vector128<int> bHi) = Vector128.Widen(b);
            Vector128<int> half = Vector128.Create(1 << 14);
            return Vector128.Narrow(Vector128.ShiftRightArithmetic((aLo * bLo) + half, 15), Vector128.ShiftRightArithmetic((aHi * bHi) + half, 15));
        }

        public static Vector128<int> MultiplyAddAdjacent(Vector128<short> a, Vector128<short> b)
        {
            // Even words sign-extended by a shift pair, odd words by an arithmetic shift.
            Vector128<int> a32 = a.AsInt32(), b32 = b.AsInt32();
            Vector128<int> even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(a32, 16), 16) * Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(b32, 16), 16);
            return even + (Vector128.ShiftRightArithmetic(a32, 16) * Vector128.ShiftRightArithmetic(b32, 16));
        }

        public static Vector128<ushort> MultiplyHigh(Vector128<ushort> a, Vector128<ushort> b)
        {
            (Vector128<uint> aLo, Vector128<uint> aHi) = Vector128.Widen(a);
            (Vector128<uint> bLo, Vector128<uint> bHi) = Vector128.Widen(b);
            return Vector128.Narrow(Vector128.ShiftRightLogical(aLo * bLo, 16), Vector128.ShiftRightLogical(aHi * bHi, 16));
        }

        public static Vector128<short> BlendOddWords(Vector128<short> a, Vector128<short> b) =>
            Vector128.ConditionalSelect(Vector128.Create(0xFFFF).AsInt16(), a, b);

        public static Vector128<byte> PackUnsignedSaturate(Vector128<short> a, Vector128<short> b) =>
            Vector128.NarrowWithSaturation(Vector128.Max(a, Vector128<short>.Zero).AsUInt16(), Vector128.Max(b, Vector128<short>.Zero).AsUInt16());

        public static Vector128<byte> InterleaveLow(Vector128<byte> a, Vector128<byte> b) =>
            (Vector128.WidenLower(a) | Vector128.ShiftLeft(Vector128.WidenLower(b), 8)).AsByte();

        public static Vector128<byte> InterleaveHigh(Vector128<byte> a, Vector128<byte> b) =>
            (Vector128.WidenUpper(a) | Vector128.ShiftLeft(Vector128.WidenUpper(b), 8)).AsByte();

        public static Vector128<short> InterleaveLow(Vector128<short> a, Vector128<short> b) =>
            (Vector128.WidenLower(a.AsUInt16()) | Vector128.ShiftLeft(Vector128.WidenLower(b.AsUInt16()), 16)).AsInt16();

        public static Vector128<short> InterleaveHigh(Vector128<short> a, Vector128<short> b) =>
            (Vector128.WidenUpper(a.AsUInt16()) | Vector128.ShiftLeft(Vector128.WidenUpper(b.AsUInt16()), 16)).AsInt16();
    }
}
