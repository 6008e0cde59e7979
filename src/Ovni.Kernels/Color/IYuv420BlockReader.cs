// Why: the YUV -> RGBA block loops (AVX-512: 64 pixels, AVX2: 32, 128-bit: 16) read luma and the chroma samples of a
// block at a time; each 4:2:0 layout says here how its bytes reach the lanes, so the loops themselves are layout-free.
// Every sample arrives in the top bits of a 16-bit word (sample << (8 - ExtraBits)).
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>Block loads of a 4:2:0 source layout for the vector conversion loops.</summary>
internal unsafe interface IYuv420BlockReader : IYuvSampleReader
{
    /// <summary>
    /// Luma of pixels x..x+63: <paramref name="low"/> holds pixels x..x+31, <paramref name="high"/> x+32..x+63.
    /// </summary>
    static abstract void Luma64(byte* yRow, int x, in WideIndexPair indices, out Vector512<ushort> low, out Vector512<ushort> high);

    /// <summary>Chroma samples x/2..x/2+31 (x even), in sample order.</summary>
    static abstract void Chroma32(byte* uRow, byte* vRow, int x, out Vector512<ushort> u, out Vector512<ushort> v);

    /// <summary>
    /// Luma of pixels x..x+31 in AVX2 unpack order: <paramref name="low"/> holds pixels 0..7 | 16..23 (one 128-bit
    /// lane each), <paramref name="high"/> 8..15 | 24..31, so that each lane's chroma spread needs no lane crossing.
    /// </summary>
    static abstract void Luma32(byte* yRow, int x, out Vector256<ushort> low, out Vector256<ushort> high);

    /// <summary>Chroma samples x/2..x/2+15 (x even), in sample order.</summary>
    static abstract void Chroma16(byte* uRow, byte* vRow, int x, out Vector256<ushort> u, out Vector256<ushort> v);

    /// <summary>Luma of pixels x..x+15: <paramref name="low"/> pixels 0..7, <paramref name="high"/> 8..15.</summary>
    static abstract void Luma16(byte* yRow, int x, out Vector128<ushort> low, out Vector128<ushort> high);

    /// <summary>Chroma samples x/2..x/2+7 (x even), in sample order.</summary>
    static abstract void Chroma8(byte* uRow, byte* vRow, int x, out Vector128<ushort> u, out Vector128<ushort> v);
}
