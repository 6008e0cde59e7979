// Why: NV12 layout for the generic conversion loop: luma plane plus one interleaved U,V plane (vRow unused).
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

    public static Vector256<int> Luma8(byte* yRow, int x) => VectorLoads.Bytes8(yRow + x);

    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector256<int> u, out Vector256<int> v)
    {
        // Pixels x..x+7 use the 4 pairs starting at byte x: lanes u0 v0 u1 v1 u2 v2 u3 v3.
        Vector256<int> pairs = VectorLoads.Bytes8(uRow + x);
        u = Vector256.Shuffle(pairs, Vector256.Create(0, 0, 2, 2, 4, 4, 6, 6));
        v = Vector256.Shuffle(pairs, Vector256.Create(1, 1, 3, 3, 5, 5, 7, 7));
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
}
