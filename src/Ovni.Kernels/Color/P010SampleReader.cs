// Why: P010 layout for the generic conversion loops: NV12 shape with 10-bit samples in the high bits of 16-bit words.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal readonly unsafe struct P010SampleReader : IYuv420BlockReader
{
    // The stored word is already sample << 6; its 6 low bits (zero in valid P010) are dropped as the scalar >> 6 does.
    private const ushort Top10 = 0xFFC0;

    public static int ExtraBits => 2;

    public static int ChromaRowShift => 1;

    public static int Luma(byte* yRow, int x) => ((ushort*)yRow)[x] >> 6;

    public static void Chroma(byte* uRow, byte* vRow, int x, out int u, out int v)
    {
        ushort* pair = (ushort*)uRow + 2 * (x >> 1);
        u = pair[0] >> 6;
        v = pair[1] >> 6;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma64(byte* yRow, int x, in WideIndexPair indices, out Vector512<ushort> low, out Vector512<ushort> high)
    {
        ushort* words = (ushort*)yRow + x;
        Vector512<ushort> top10 = Vector512.Create(Top10);
        low = Vector512.Load(words) & top10;
        high = Vector512.Load(words + 32) & top10;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma32(byte* uRow, byte* vRow, int x, out Vector512<ushort> u, out Vector512<ushort> v)
    {
        // Samples x/2.. are the 32 word pairs starting at word x.
        ushort* pairs = (ushort*)uRow + x;
        Vector512<ushort> a = Vector512.Load(pairs), b = Vector512.Load(pairs + 32), top10 = Vector512.Create(Top10);
        u = Avx512BW.PermuteVar32x16x2(a, WideRgbaLanes.EvenWords, b) & top10;
        v = Avx512BW.PermuteVar32x16x2(a, WideRgbaLanes.OddWords, b) & top10;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma32(byte* yRow, int x, out Vector256<ushort> low, out Vector256<ushort> high)
    {
        // Pixels 0..15 and 16..31 regrouped by 128-bit lane into the unpack order 0..7 | 16..23, 8..15 | 24..31.
        ushort* words = (ushort*)yRow + x;
        Vector256<ushort> a = Vector256.Load(words), b = Vector256.Load(words + 16), top10 = Vector256.Create(Top10);
        low = Avx2.Permute2x128(a, b, 0x20) & top10;
        high = Avx2.Permute2x128(a, b, 0x31) & top10;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma16(byte* uRow, byte* vRow, int x, out Vector256<ushort> u, out Vector256<ushort> v)
    {
        uint* pairs = (uint*)((ushort*)uRow + x);
        Vector256<uint> a = Vector256.Load(pairs), b = Vector256.Load(pairs + 8), top10 = Vector256.Create((uint)Top10);
        u = Vector256.Narrow(a & top10, b & top10);
        v = Vector256.Narrow(Vector256.ShiftRightLogical(a, 16) & top10, Vector256.ShiftRightLogical(b, 16) & top10);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Luma16(byte* yRow, int x, out Vector128<ushort> low, out Vector128<ushort> high)
    {
        ushort* words = (ushort*)yRow + x;
        Vector128<ushort> top10 = Vector128.Create(Top10);
        low = Vector128.Load(words) & top10;
        high = Vector128.Load(words + 8) & top10;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Chroma8(byte* uRow, byte* vRow, int x, out Vector128<ushort> u, out Vector128<ushort> v)
    {
        uint* pairs = (uint*)((ushort*)uRow + x);
        Vector128<uint> a = Vector128.Load(pairs), b = Vector128.Load(pairs + 4), top10 = Vector128.Create((uint)Top10);
        u = Vector128.Narrow(a & top10, b & top10);
        v = Vector128.Narrow(Vector128.ShiftRightLogical(a, 16) & top10, Vector128.ShiftRightLogical(b, 16) & top10);
    }
}
