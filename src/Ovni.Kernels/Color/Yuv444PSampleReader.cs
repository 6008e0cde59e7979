// Why: YUV444P layout for the generic conversion loop: three full-size planes.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct Yuv444PSampleReader : IYuvSampleReader
{
    public static int ExtraBits => 0;

    public static int ChromaRowShift => 0;

    public static int Luma(byte* yRow, int x) => yRow[x];

    public static void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v)
    {
        u = uRow[x];
        v = vRow[x];
    }

    public static Vector256<int> Luma8(byte* yRow, int x) => VectorLoads.Bytes8(yRow + x);

    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector256<int> u, out Vector256<int> v)
    {
        u = VectorLoads.Bytes8(uRow + x);
        v = VectorLoads.Bytes8(vRow + x);
    }
}
