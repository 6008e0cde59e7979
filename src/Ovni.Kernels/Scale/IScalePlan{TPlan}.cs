// Why: the AVX-512 and the AVX2/128-bit horizontal plans are cached per thread the same way; this is what the cache
// needs of either.
namespace Ovni.Kernels;

/// <summary>A horizontal resize plan that can be built for a geometry and recognise it again.</summary>
internal interface IScalePlan<TPlan>
    where TPlan : class, IScalePlan<TPlan>
{
    /// <summary>Builds the plan (taps 2, 4 or 6; the Lanczos table only for 6).</summary>
    static abstract TPlan Build(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable);

    /// <summary>True when this plan was built for the same geometry (and, for Lanczos, an equal table).</summary>
    bool Matches(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable);
}
