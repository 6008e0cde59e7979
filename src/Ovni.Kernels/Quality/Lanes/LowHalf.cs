// The low-half choice of IInterleaveHalf.
using System.Runtime.CompilerServices;

namespace Ovni.Kernels.Quality.Lanes;

/// <summary>Interleaves the low half of each 128-bit block.</summary>
internal readonly struct LowHalf : IInterleaveHalf
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Interleave<TW, TV>(TV a, TV b) where TW : struct, IWordLanes<TV> where TV : struct => TW.InterleaveLow16(a, b);
}
