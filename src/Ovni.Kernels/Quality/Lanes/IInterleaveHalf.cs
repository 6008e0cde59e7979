// Why: kernels that interleave two rows into 16-bit pairs (for pmaddwd) handle the low and the high half of each
// 128-bit block in two passes, so that they need half the accumulator registers; this picks the half at compile time.
namespace Ovni.Kernels.Quality.Lanes;

/// <summary>Which half of each 128-bit block <see cref="Interleave"/> takes.</summary>
internal interface IInterleaveHalf
{
    static abstract TV Interleave<TW, TV>(TV a, TV b) where TW : struct, IWordLanes<TV> where TV : struct;
}
