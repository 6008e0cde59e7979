// Why: the 128-bit kernel paths call Simd128's few non-portable operations, which take the x86 instruction here and
// portable Vector128 arithmetic on ARM NEON. This machine cannot run the ARM path, so the portable forms are checked
// here against the x86 instructions lane by lane, on random lanes and on the extremes of each lane type.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Tests;

public sealed class SimdHelperTests
{
    private const int Rounds = 20000;

    [Fact]
    public void Portable_multiply_high_round_scale_equals_pmulhrsw()
    {
        RequireX86(Ssse3.IsSupported);
        ForRandomShorts((a, b) => Assert.Equal(Ssse3.MultiplyHighRoundScale(a, b), Simd128.Portable.MultiplyHighRoundScale(a, b)));
    }

    [Fact]
    public void Portable_multiply_add_adjacent_equals_pmaddwd()
    {
        RequireX86(Sse2.IsSupported);
        ForRandomShorts((a, b) => Assert.Equal(Sse2.MultiplyAddAdjacent(a, b), Simd128.Portable.MultiplyAddAdjacent(a, b)));
    }

    [Fact]
    public void Portable_multiply_high_equals_pmulhuw()
    {
        RequireX86(Sse2.IsSupported);
        ForRandomShorts((a, b) => Assert.Equal(Sse2.MultiplyHigh(a.AsUInt16(), b.AsUInt16()),
            Simd128.Portable.MultiplyHigh(a.AsUInt16(), b.AsUInt16())));
    }

    [Fact]
    public void Portable_packs_and_interleaves_equal_the_sse2_instructions()
    {
        RequireX86(Sse2.IsSupported);
        ForRandomShorts((a, b) =>
        {
            Assert.Equal(Sse2.PackUnsignedSaturate(a, b), Simd128.Portable.PackUnsignedSaturate(a, b));
            Assert.Equal(Sse2.PackSignedSaturate(a.AsInt32(), b.AsInt32()), Vector128.NarrowWithSaturation(a.AsInt32(), b.AsInt32()));
            Assert.Equal(Sse2.UnpackLow(a.AsByte(), b.AsByte()), Simd128.Portable.InterleaveLow(a.AsByte(), b.AsByte()));
            Assert.Equal(Sse2.UnpackHigh(a.AsByte(), b.AsByte()), Simd128.Portable.InterleaveHigh(a.AsByte(), b.AsByte()));
            Assert.Equal(Sse2.UnpackLow(a, b), Simd128.Portable.InterleaveLow(a, b));
            Assert.Equal(Sse2.UnpackHigh(a, b), Simd128.Portable.InterleaveHigh(a, b));
            if (Sse41.IsSupported)
            {
                Assert.Equal(Sse41.Blend(a, b, 0b1010_1010), Simd128.Portable.BlendOddWords(a, b));
            }
        });
    }

    private static void RequireX86(bool supported)
    {
        if (!supported)
        {
            Assert.Skip("Needs the x86 instruction to compare the portable form with.");
        }
    }

    /// <summary>Random lanes, then lanes drawn from each type's extremes and small values.</summary>
    private static void ForRandomShorts(Action<Vector128<short>, Vector128<short>> check)
    {
        var random = new Random(7);
        short[] extremes = [short.MinValue, short.MinValue + 1, -256, -255, -129, -128, -1, 0, 1, 127, 128, 255, 256, short.MaxValue - 1, short.MaxValue];
        Span<short> a = stackalloc short[8], b = stackalloc short[8];
        for (int round = 0; round < Rounds; round++)
        {
            for (int i = 0; i < 8; i++)
            {
                bool edge = round >= Rounds / 2;
                a[i] = edge ? extremes[random.Next(extremes.Length)] : (short)random.Next(short.MinValue, short.MaxValue + 1);
                b[i] = edge ? extremes[random.Next(extremes.Length)] : (short)random.Next(short.MinValue, short.MaxValue + 1);
            }

            check(Vector128.Create<short>(a), Vector128.Create<short>(b));
        }
    }
}
