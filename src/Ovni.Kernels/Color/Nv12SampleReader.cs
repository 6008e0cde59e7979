// Why: NV12 layout for the generic conversion loops: luma plane plus one interleaved U,V plane (vRow unused).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct Nv12SampleReader : IYuv420BlockReader
{
    public static int ExtraBits => 0;

    public static int ChromaRowShift => 1;

    public static int Luma(byte* yRow, int x) => yRow[x];

    public static void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v)
    {
        byte* pair = uRow + 2 * (x >> 1);
        u = pair[0];
        v = pair[1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma64(byte* yRow, int x, in WideIndexPair indices, out Vector512<ushort> low, out Vector512<ushort> high) =>
        Yuv420PSampleReader.Luma64(yRow, x, indices, out low, out high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma32(byte* uRow, byte* vRow, int x, out Vector512<ushort> u, out Vector512<ushort> v)
    {
        // Samples x/2.. are the 32 pairs starting at byte x.
        Vector512<byte> pairs = Vector512.Load(uRow + x);
        u = Avx512Vbmi.PermuteVar64x8x2(pairs, WideRgbaLanes.Nv12TopU, Vector512<byte>.Zero).AsUInt16();
        v = Avx512Vbmi.PermuteVar64x8x2(pairs, WideRgbaLanes.Nv12TopV, Vector512<byte>.Zero).AsUInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma32(byte* yRow, int x, out Vector256<ushort> low, out Vector256<ushort> high) =>
        Yuv420PSampleReader.Top32(yRow + x, out low, out high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma16(byte* uRow, byte* vRow, int x, out Vector256<ushort> u, out Vector256<ushort> v)
    {
        // Each little-endian word is one pair: U in the low byte, V in the high byte.
        Vector256<ushort> pairs = Vector256.Load((ushort*)(uRow + x));
        u = Vector256.ShiftLeft(pairs, 8);
        v = pairs & Vector256.Create((ushort)0xFF00);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma16(byte* yRow, int x, out Vector128<ushort> low, out Vector128<ushort> high) =>
        Yuv420PSampleReader.Top16(yRow + x, out low, out high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector128<ushort> u, out Vector128<ushort> v)
    {
        Vector128<ushort> pairs = Vector128.Load((ushort*)(uRow + x));
        u = Vector128.ShiftLeft(pairs, 8);
        v = pairs & Vector128.Create((ushort)0xFF00);
    }
}
