// One half-block of the 8-bit VIF path's vertical sums (VifExtractor.Luma8.cs), in 32-bit lanes: the filtered
// centred samples, their squares and cross product, and the next scale's filter of both images.
namespace Ovni.Kernels.Quality;

internal struct VifVerticalSums<TV> where TV : struct
{
    public TV Reference, Distorted, ReferenceSquares, DistortedSquares, Cross, ReferenceDown, DistortedDown;
}
