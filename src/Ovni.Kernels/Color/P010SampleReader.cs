// Why: P010 layout for the generic conversion loop: NV12 shape with 10-bit samples in the high bits of 16-bit words.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct P010SampleReader : IYuvSampleReader
{
    public static int ExtraBits => 2;

    public static int ChromaRowShift => 1;

    public static int Luma(byte* yRow, int x) => ((ushort*)yRow)[x] >> 6;

    public static void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v)
    {
        ushort* pair = (ushort*)uRow + 2 * (x >> 1);
        u = pair[0] >> 6;
        v = pair[1] >> 6;
    }

    public static Vector256<int> Luma8(byte* yRow, int x) => VectorLoads.UInt16x8((ushort*)yRow + x, 6);

    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector256<int> u, out Vector256<int> v)
    {
        Vector256<int> pairs = VectorLoads.UInt16x8((ushort*)uRow + x, 6);
        u = Vector256.Shuffle(pairs, Vector256.Create(0, 0, 2, 2, 4, 4, 6, 6));
        v = Vector256.Shuffle(pairs, Vector256.Create(1, 1, 3, 3, 5, 5, 7, 7));
    }
}
