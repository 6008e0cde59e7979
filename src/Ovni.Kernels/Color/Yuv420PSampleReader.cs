// Why: YUV420P layout for the generic conversion loop: three planes, chroma halved both ways.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct Yuv420PSampleReader : IYuvSampleReader
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
}
