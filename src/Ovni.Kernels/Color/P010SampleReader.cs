// Why: P010 layout for the generic conversion loop: NV12 shape with 10-bit samples in the high bits of 16-bit words.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct P010SampleReader : IYuv420BlockReader
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma64(byte* yRow, int x, in WideIndexPair indices, out Vector512<ushort> low, out Vector512<ushort> high)
    {
        // The stored word is already sample << 6; its 6 low bits (zero in valid P010) are dropped as the scalar >> 6 does.
        ushort* words = (ushort*)yRow + x;
        Vector512<ushort> top10 = Vector512.Create((ushort)0xFFC0);
        low = Vector512.Load(words) & top10;
        high = Vector512.Load(words + 32) & top10;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma32(byte* uRow, byte* vRow, int x, out Vector512<ushort> u, out Vector512<ushort> v)
    {
        // Samples x/2.. are the 32 word pairs starting at word x; the stored words are already sample << 6.
        ushort* pairs = (ushort*)uRow + x;
        Vector512<ushort> a = Vector512.Load(pairs), b = Vector512.Load(pairs + 32), top10 = Vector512.Create((ushort)0xFFC0);
        u = Avx512BW.PermuteVar32x16x2(a, WideRgbaLanes.EvenWords, b) & top10;
        v = Avx512BW.PermuteVar32x16x2(a, WideRgbaLanes.OddWords, b) & top10;
    }
}
