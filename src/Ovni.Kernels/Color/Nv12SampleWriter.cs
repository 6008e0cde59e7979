// Why: NV12 destination for the generic RGBA -> 4:2:0 loop (vRow unused: U,V interleaved in uRow).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct Nv12SampleWriter : IYuv420SampleWriter
{
    public static int ExtraBits => 0;

    public static void Luma(byte* yRow, int x, int value) => yRow[x] = (byte)value;

    public static void Chroma(byte* uRow, byte* vRow, int cx, int u, int v)
    {
        uRow[2 * cx] = (byte)u;
        uRow[(2 * cx) + 1] = (byte)v;
    }

    public static void Luma8(byte* yRow, int x, Vector256<int> values) =>
        Unsafe.WriteUnaligned(yRow + x, VectorLoads.ToBytes8(values));

    public static void Chroma4(byte* uRow, byte* vRow, int cx, Vector256<int> u, Vector256<int> v)
    {
        // Lane i = u_i | v_i << 8; narrowed to 16-bit words that is u0 v0 u1 v1 ... in memory.
        Vector128<ushort> pairs = VectorLoads.ToUInt16x8(u | Vector256.ShiftLeft(v, 8));
        Unsafe.WriteUnaligned(uRow + (2 * cx), pairs.AsUInt64().ToScalar());
    }

    public static void Luma4(byte* yRow, int x, Vector128<int> values) =>
        Unsafe.WriteUnaligned(yRow + x, VectorLoads.ToBytes4(values));

    public static void Chroma2(byte* uRow, byte* vRow, int cx, Vector128<int> u, Vector128<int> v) =>
        Unsafe.WriteUnaligned(uRow + (2 * cx), Vector128.Narrow(u | Vector128.ShiftLeft(v, 8), v).AsUInt32().ToScalar()); // u0 v0 u1 v1
}
