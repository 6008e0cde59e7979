// The high-half choice of IInterleaveHalf.
using System.Runtime.CompilerServices;

namespace Ovni.Kernels.Quality.Lanes;

/// <summary>Interleaves the high half of each 128-bit block.</summary>
internal readonly struct HighHalf : IInterleaveHalf
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Interleave<TW, TV>(TV a, TV b) where TW : struct, IWordLanes<TV> where TV : struct => TW.InterleaveHigh16(a, b);
}
