// Why: YUV420P layout for the generic conversion loop: three planes, chroma halved both ways.
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

    public static Vector256<int> Luma8(byte* yRow, int x) => VectorLoads.Bytes8(yRow + x);

    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector256<int> u, out Vector256<int> v)
    {
        u = VectorLoads.Bytes4Doubled(uRow + (x >> 1));
        v = VectorLoads.Bytes4Doubled(vRow + (x >> 1));
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
}
