// Why: scripts/test.sh runs this suite three times, telling the runtime to use fewer vector instructions each time
// (DOTNET_EnableAVX512=0, then also DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0), so that every tier's kernel paths are
// proven equal to the .cu kernels. Those runs prove nothing unless the variables really take effect: this test fails
// in a run whose environment asks for a tier the runtime did not give.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Tests;

public sealed class SimdTierTests(ITestOutputHelper output)
{
    [Fact]
    public void The_runtime_uses_the_tier_the_environment_asks_for()
    {
        output.WriteLine($"SIMD tier of this run: {SimdTier.Current}");
        if (!X86Base.IsSupported)
        {
            Assert.Skip("The DOTNET_Enable* tier switches tested here are the x86 ones.");
        }

        bool no512 = Disabled("DOTNET_EnableAVX512"), no256 = Disabled("DOTNET_EnableAVX2") || Disabled("DOTNET_EnableAVX");
        if (no512)
        {
            Assert.False(Avx512F.IsSupported || Avx512BW.IsSupported || Avx512Vbmi.IsSupported, "AVX-512 still on");
            Assert.False(Vector512.IsHardwareAccelerated, "Vector512 still accelerated");
            Assert.NotEqual("AVX-512 (VBMI)", SimdTier.Current);
        }

        if (no256)
        {
            Assert.False(Avx2.IsSupported, "AVX2 still on");
            Assert.False(Vector256.IsHardwareAccelerated, "Vector256 still accelerated");
            Assert.StartsWith("128-bit", SimdTier.Current);
        }

        // The 128-bit tier keeps SSE2..SSE4.2 (the cross-platform Vector128 paths stay accelerated).
        Assert.True(Vector128.IsHardwareAccelerated, "Vector128 not accelerated");
        if (no512 && !no256 && Avx2.IsSupported)
        {
            Assert.Equal("AVX2", SimdTier.Current);
        }
    }

    private static bool Disabled(string variable) => Environment.GetEnvironmentVariable(variable) is "0";
}
