// Why: the CPU twins compute in Vector256<int> lanes (8 pixels) to keep the kernels' 32-bit integer
// math exact; these helpers widen narrow samples into those lanes and narrow results back.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal static unsafe class VectorLoads
{
    /// <summary>8 bytes at p, zero-extended to 8 int lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Bytes8(byte* p)
    {
        Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(p)).AsByte();
        return Vector256.WidenLower(Vector128.WidenLower(bytes).ToVector256Unsafe()).AsInt32();
    }

    /// <summary>4 bytes at p, zero-extended to int lanes 0..3 (lanes 4..7 are zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Bytes4(byte* p)
    {
        Vector128<byte> bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)).AsByte();
        return Vector256.WidenLower(Vector128.WidenLower(bytes).ToVector256Unsafe()).AsInt32();
    }

    /// <summary>4 bytes at p, zero-extended to the 4 lanes of a 128-bit vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Bytes4In128(byte* p) =>
        Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)).AsByte())).AsInt32();

    /// <summary>8 little-endian 16-bit words at p, shifted right by <paramref name="shift"/>, as 8 int lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> UInt16x8(ushort* p, int shift)
    {
        Vector128<ushort> words = Vector128.ShiftRightLogical(Vector128.Load(p), shift);
        return Vector256.WidenLower(words.ToVector256Unsafe()).AsInt32();
    }

    /// <summary>Lanes 0..7 (each 0..255) as 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToBytes8(Vector256<int> v)
    {
        Vector256<ushort> words = Vector256.Narrow(v, v).AsUInt16();
        return Vector256.Narrow(words, words).AsUInt64().ToScalar();
    }

    /// <summary>Lanes 0..3 (each 0..255) as 4 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToBytes4(Vector128<int> v)
    {
        Vector128<ushort> words = Vector128.Narrow(v, v).AsUInt16();
        return Vector128.Narrow(words, words).AsUInt32().ToScalar();
    }

    /// <summary>Lanes 0..7 (each 0..65535) as 8 16-bit words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ushort> ToUInt16x8(Vector256<int> v) => Vector256.Narrow(v, v).AsUInt16().GetLower();

    /// <summary>Clamps every lane to [0, max].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Clamp(Vector256<int> v, Vector256<int> max) => Vector256.Min(Vector256.Max(v, Vector256<int>.Zero), max);

    /// <summary>Sums of neighbouring lanes (0+1, 2+3, 4+5, 6+7) in lanes 0..3; lanes 4..7 repeat them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> PairSums(Vector256<int> v) =>
        Vector256.Shuffle(v, Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)) + Vector256.Shuffle(v, Vector256.Create(1, 3, 5, 7, 1, 3, 5, 7));
}
