// Why: YUV420P destination for the generic RGBA -> 4:2:0 loop.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal readonly unsafe struct Yuv420PSampleWriter : IYuv420SampleWriter
{
    public static int ExtraBits => 0;

    public static void Luma(byte* yRow, int x, int value) => yRow[x] = (byte)value;

    public static void Chroma(byte* uRow, byte* vRow, int cx, int u, int v)
    {
        uRow[cx] = (byte)u;
        vRow[cx] = (byte)v;
    }

    public static void Luma8(byte* yRow, int x, Vector256<int> values) =>
        Unsafe.WriteUnaligned(yRow + x, VectorLoads.ToBytes8(values));

    public static void Chroma4(byte* uRow, byte* vRow, int cx, Vector256<int> u, Vector256<int> v)
    {
        Unsafe.WriteUnaligned(uRow + cx, (uint)VectorLoads.ToBytes8(u));
        Unsafe.WriteUnaligned(vRow + cx, (uint)VectorLoads.ToBytes8(v));
    }

    public static void Luma4(byte* yRow, int x, Vector128<int> values) =>
        Unsafe.WriteUnaligned(yRow + x, VectorLoads.ToBytes4(values));

    public static void Chroma2(byte* uRow, byte* vRow, int cx, Vector128<int> u, Vector128<int> v)
    {
        Unsafe.WriteUnaligned(uRow + cx, (ushort)VectorLoads.ToBytes4(u));
        Unsafe.WriteUnaligned(vRow + cx, (ushort)VectorLoads.ToBytes4(v));
    }
}
