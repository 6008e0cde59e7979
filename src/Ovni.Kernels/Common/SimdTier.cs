// Why: every CPU twin has a path per vector width (512, 256, 128 bits, scalar) and picks it from what the runtime
// reports; users (and bug reports) need to see which one this process runs, since the same pipeline is several times
// faster on one tier than on another and the runtime can be told to use less than the CPU has
// (DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0, DOTNET_EnableAVX=0).
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>The widest vector instructions Ovni's CPU operations use in this process.</summary>
internal static class SimdTier
{
    /// <summary>
    /// The tier in words: "AVX-512 (VBMI)" or "AVX-512", "AVX2", "128-bit (SSE4.2)" or "128-bit (SSE2)",
    /// "128-bit (NEON)", or "scalar".
    /// </summary>
    public static string Current { get; } = Describe();

    private static string Describe()
    {
        if (Avx512BW.IsSupported)
        {
            return Avx512Vbmi.IsSupported ? "AVX-512 (VBMI)" : "AVX-512";
        }

        if (Avx2.IsSupported)
        {
            return "AVX2";
        }

        if (Sse2.IsSupported)
        {
            return Sse42.IsSupported ? "128-bit (SSE4.2)" : "128-bit (SSE2)";
        }

        if (AdvSimd.IsSupported)
        {
            return "128-bit (NEON)";
        }

        return Vector128.IsHardwareAccelerated ? "128-bit" : "scalar";
    }
}
