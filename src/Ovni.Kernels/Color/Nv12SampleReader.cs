// Why: NV12 layout for the generic conversion loop: luma plane plus one interleaved U,V plane (vRow unused).
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct Nv12SampleReader : IYuvSampleReader
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
}
