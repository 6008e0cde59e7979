// The integer sums one VIF scale accumulates over its pixels (ALGORITHM.md §3.4), kept apart from the filters
// because every filter path (8-bit fast path, wide path) feeds the same per-row accumulation.
namespace Ovni.Kernels.Quality;

/// <summary>Q11 log-domain numerator and denominator, and the non-log sigma2 sum and pixel count, of one VIF scale.</summary>
internal struct VifLogSums
{
    public long NumLog;
    public long DenLog;
    public long NumNonLog;
    public long CountNonLog;
}
