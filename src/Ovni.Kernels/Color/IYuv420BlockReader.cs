// Why: the AVX-512 4:2:0 -> RGBA loop (ColorConversion.ToRgba420Wide) reads 64 pixels and their 32 chroma samples
// at a time; each 4:2:0 layout says here how its bytes reach the lanes, so the loop itself is layout-free.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>Block loads of a 4:2:0 source layout for the 64-pixel AVX-512 conversion loop.</summary>
internal unsafe interface IYuv420BlockReader : IYuvSampleReader
{
    /// <summary>
    /// Luma of pixels x..x+63 in the top bits of 16-bit words (sample &lt;&lt; (8 - ExtraBits)):
    /// <paramref name="low"/> holds pixels x..x+31, <paramref name="high"/> x+32..x+63.
    /// </summary>
    static abstract void Luma64(byte* yRow, int x, in WideIndexPair indices, out Vector512<ushort> low, out Vector512<ushort> high);

    /// <summary>
    /// Chroma samples x/2..x/2+31 (x even) in the top bits of 16-bit words (sample &lt;&lt; (8 - ExtraBits)), in
    /// sample order.
    /// </summary>
    static abstract void Chroma32(byte* uRow, byte* vRow, int x, out Vector512<ushort> u, out Vector512<ushort> v);
}
