// Small integer helpers shared by the libvmaf-compatible extractors: border mirroring and fixed-point rounding.
using System.Runtime.CompilerServices;

namespace Ovni.Kernels.Quality;

internal static class QualityMath
{
    /// <summary>Reflect-101 mirror (edge sample not repeated): -k reads k, n-1+k reads n-1-k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Reflect101(int i, int n)
    {
        if (i < 0) return -i;
        if (i >= n) return 2 * (n - 1) - i;
        return i;
    }

    /// <summary>Round-half-up right shift, <c>(x + 2^(n-1)) &gt;&gt; n</c>; n = 0 leaves x unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Rnd(long x, int n) => n == 0 ? x : (x + (1L << (n - 1))) >> n;

    /// <summary>Number of significant bits of a positive value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BitLength(ulong x) => 64 - System.Numerics.BitOperations.LeadingZeroCount(x);
}
