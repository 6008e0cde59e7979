// One half-block of VIF's 16-bit vertical pass at scales 1 and 2 (VifExtractor.Words.cs), in 32-bit lanes: the
// offset sample sums, the high and low halves of the offset square and cross sums, and the next scale's filter.
namespace Ovni.Kernels.Quality;

internal struct VifWordSums<TV> where TV : struct
{
    public TV Reference, Distorted, ReferenceHigh, ReferenceLow, DistortedHigh, DistortedLow, CrossHigh, CrossLow, ReferenceDown, DistortedDown;
}
