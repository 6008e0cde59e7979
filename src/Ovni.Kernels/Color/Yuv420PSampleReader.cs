// Why: YUV420P layout for the generic conversion loops: three planes, chroma halved both ways.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct Yuv420PSampleReader : IYuv420BlockReader
{
    public static int ExtraBits => 0;

    public static int ChromaRowShift => 1;

    public static int Luma(byte* yRow, int x) => yRow[x];

    public static void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v)
    {
        u = uRow[x >> 1];
        v = vRow[x >> 1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma64(byte* yRow, int x, in WideIndexPair indices, out Vector512<ushort> low, out Vector512<ushort> high)
    {
        Vector512<byte> bytes = Vector512.Load(yRow + x);
        low = Avx512Vbmi.PermuteVar64x8x2(bytes, indices.Low, Vector512<byte>.Zero).AsUInt16();
        high = Avx512Vbmi.PermuteVar64x8x2(bytes, indices.High, Vector512<byte>.Zero).AsUInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma32(byte* uRow, byte* vRow, int x, out Vector512<ushort> u, out Vector512<ushort> v)
    {
        int cx = x >> 1;
        u = Avx512Vbmi.PermuteVar64x8x2(Vector256.Load(uRow + cx).ToVector512Unsafe(), WideRgbaLanes.PlanarTop, Vector512<byte>.Zero).AsUInt16();
        v = Avx512Vbmi.PermuteVar64x8x2(Vector256.Load(vRow + cx).ToVector512Unsafe(), WideRgbaLanes.PlanarTop, Vector512<byte>.Zero).AsUInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma32(byte* yRow, int x, out Vector256<ushort> low, out Vector256<ushort> high) => Top32(yRow + x, out low, out high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma16(byte* uRow, byte* vRow, int x, out Vector256<ushort> u, out Vector256<ushort> v)
    {
        int cx = x >> 1;
        u = Vector256.ShiftLeft(Avx2.ConvertToVector256Int16(Vector128.Load(uRow + cx)).AsUInt16(), 8);
        v = Vector256.ShiftLeft(Avx2.ConvertToVector256Int16(Vector128.Load(vRow + cx)).AsUInt16(), 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma16(byte* yRow, int x, out Vector128<ushort> low, out Vector128<ushort> high) => Top16(yRow + x, out low, out high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector128<ushort> u, out Vector128<ushort> v)
    {
        int cx = x >> 1;
        u = Simd128.InterleaveLow(Vector128<byte>.Zero, Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(uRow + cx)).AsByte()).AsUInt16();
        v = Simd128.InterleaveLow(Vector128<byte>.Zero, Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(vRow + cx)).AsByte()).AsUInt16();
    }

    /// <summary>32 bytes as top-byte words in AVX2 unpack order (0..7 | 16..23, then 8..15 | 24..31).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Top32(byte* bytes, out Vector256<ushort> low, out Vector256<ushort> high)
    {
        Vector256<byte> b = Vector256.Load(bytes);
        low = Avx2.UnpackLow(Vector256<byte>.Zero, b).AsUInt16();
        high = Avx2.UnpackHigh(Vector256<byte>.Zero, b).AsUInt16();
    }

    /// <summary>16 bytes as top-byte words: bytes 0..7, then 8..15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Top16(byte* bytes, out Vector128<ushort> low, out Vector128<ushort> high)
    {
        Vector128<byte> b = Vector128.Load(bytes);
        low = Simd128.InterleaveLow(Vector128<byte>.Zero, b).AsUInt16();
        high = Simd128.InterleaveHigh(Vector128<byte>.Zero, b).AsUInt16();
    }
}
