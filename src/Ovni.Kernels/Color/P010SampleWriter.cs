// Why: P010 destination for the generic RGBA -> 4:2:0 loop: 10-bit values stored << 6 in 16-bit words.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct P010SampleWriter : IYuv420SampleWriter
{
    public static int ExtraBits => 2;

    public static void Luma(byte* yRow, int x, int value) => ((ushort*)yRow)[x] = (ushort)(value << 6);

    public static void Chroma(byte* uRow, byte* vRow, int cx, int u, int v)
    {
        ushort* pair = (ushort*)uRow + (2 * cx);
        pair[0] = (ushort)(u << 6);
        pair[1] = (ushort)(v << 6);
    }

    public static void Luma8(byte* yRow, int x, Vector256<int> values) =>
        VectorLoads.ToUInt16x8(Vector256.ShiftLeft(values, 6)).Store((ushort*)yRow + x);

    public static void Chroma4(byte* uRow, byte* vRow, int cx, Vector256<int> u, Vector256<int> v)
    {
        Vector256<int> pairs = Vector256.ShiftLeft(u, 6) | Vector256.ShiftLeft(v, 22);
        pairs.GetLower().Store((int*)((ushort*)uRow + (2 * cx)));
    }

    public static void Luma4(byte* yRow, int x, Vector128<int> values) =>
        Unsafe.WriteUnaligned(yRow + (2 * x), Vector128.Narrow(Vector128.ShiftLeft(values, 6), values).AsUInt64().ToScalar());

    public static void Chroma2(byte* uRow, byte* vRow, int cx, Vector128<int> u, Vector128<int> v) =>
        Unsafe.WriteUnaligned((ushort*)uRow + (2 * cx), (Vector128.ShiftLeft(u, 6) | Vector128.ShiftLeft(v, 22)).AsUInt64().ToScalar());
}
