// Why: at every SIMD tier the scale twins take a fast path with narrower intermediates (16-bit biased sums for
// bilinear and bicubic, split sums for Lanczos: packed ints on AVX-512, two 16-bit planes in the lane passes) and
// per-thread cached plans: 64-byte permutes on AVX-512 VBMI, 16-byte shuffles on AVX2 and 128-bit units. Each must give
// the same bytes as the portable path (the kernels' plain 32/64-bit arithmetic, itself checked against the reference and
// the CUDA kernels) for every geometry: windowed and scalar-fallback blocks, uniform runs, odd block counts, row tails,
// interleaved channels, and inputs that drive the sums to their extremes. scripts/test.sh runs this at each tier; on an
// AVX-512 machine the lane passes and the AVX-512 passes are each also run here directly.
namespace Ovni.Kernels.Tests;

public sealed unsafe class ScaleFastPathTests
{
    public static TheoryData<string, int, int, int, int, int> Geometries => new()
    {
        { "bilinear", 1920, 1080, 1280, 720, 1 },
        { "bicubic", 1920, 1080, 1280, 720, 1 },
        { "lanczos3", 1920, 1080, 1280, 720, 1 },
        { "bilinear", 960, 540, 640, 360, 1 },
        { "bicubic", 961, 541, 641, 361, 1 },
        { "bilinear", 37, 21, 100, 50, 1 },      // source rows shorter than a permute window
        { "bicubic", 37, 21, 100, 50, 1 },
        { "lanczos3", 120, 80, 331, 17, 1 },
        { "bilinear", 1000, 200, 101, 40, 1 },   // 10x reduction: taps outside any window (scalar blocks)
        { "bicubic", 1000, 200, 101, 40, 1 },
        { "lanczos3", 1000, 200, 203, 40, 1 },
        { "bilinear", 400, 100, 1000, 300, 2 },  // NV12 chroma
        { "bicubic", 640, 360, 427, 240, 2 },
        { "lanczos3", 300, 50, 199, 70, 2 },
        { "bilinear", 333, 100, 250, 77, 4 },    // RGBA
        { "bicubic", 333, 100, 250, 77, 4 },
        { "lanczos3", 200, 120, 512, 99, 4 },
        { "bicubic", 1, 1, 67, 3, 3 },
        { "bilinear", 9, 5, 40, 20, 1 },         // source rows shorter than a 16-byte shuffle window
        { "lanczos3", 1920, 1080, 960, 540, 1 },  // 2x reduction: the widest spans 16-byte windows still cover
        { "bicubic", 1280, 720, 640, 360, 1 },
        { "bilinear", 1919, 1081, 1279, 721, 1 }, // odd block count and tails
        { "lanczos3", 640, 360, 1920, 1080, 2 },  // 3x enlargement of NV12 chroma
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Fast_path_equals_portable_path_on_random_samples(string filter, int sw, int sh, int dw, int dh, int channels)
    {
        using Plane src = Plane.Random(sw * channels, sh, sw + dw);
        Compare(filter, src, dw, dh, channels);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Fast_path_equals_portable_path_on_extreme_samples(string filter, int sw, int sh, int dw, int dh, int channels)
    {
        // 0/255 checkerboards of varying period push the negative lobes and overshoots of the wide filters to
        // their largest sums; the clamp and the split-sum recombination are exercised at both ends.
        using var src = new Plane(sw * channels, sh);
        for (int y = 0; y < sh; y++)
        {
            for (int x = 0; x < sw * channels; x++)
            {
                int period = 1 + (y % 3);
                src.Row(y)[x] = (((x / channels / period) + (y / period)) & 1) == 0 ? (byte)0 : (byte)255;
            }
        }

        Compare(filter, src, dw, dh, channels);
    }

    [Fact]
    public void A_changed_Lanczos_table_is_not_served_from_the_cached_plan()
    {
        RequireFastPath();
        const int sw = 300, sh = 40, dw = 200, dh = 30;
        using Plane src = Plane.Random(sw, sh, 11);
        int[] table = PlaneScale.CreateLanczos3Table();
        using Plane first = Plane.Random(dw, dh, 3), second = first.Clone(), expected = first.Clone();
        PlaneScale.ScalePlaneLanczos3(src.Data, src.Pitch, sw, sh, first.Data, first.Pitch, dw, dh, 1, table);
        for (int f = 0; f < 256; f++)
        {
            // Move weight from the centre tap to its right neighbour: still a valid table, different pixels.
            table[(6 * f) + 2] -= 1000;
            table[(6 * f) + 3] += 1000;
        }

        PlaneScale.ScalePlaneLanczos3(src.Data, src.Pitch, sw, sh, second.Data, second.Pitch, dw, dh, 1, table);
        PlaneScale.ForcePortable = true;
        try
        {
            PlaneScale.ScalePlaneLanczos3(src.Data, src.Pitch, sw, sh, expected.Data, expected.Pitch, dw, dh, 1, table);
        }
        finally
        {
            PlaneScale.ForcePortable = false;
        }

        Assert.False(first.All.SequenceEqual(second.All), "the changed table changed nothing");
        second.AssertSameAs(expected, "lanczos3 with a changed table");
    }

    [Theory]
    [InlineData(1920, 1280, 1, 2)]
    [InlineData(1920, 1280, 1, 6)]
    [InlineData(960, 640, 1, 4)]
    [InlineData(1920, 960, 1, 6)]
    public void Common_ratios_take_the_uniform_run_of_the_lane_pass(int sw, int dw, int channels, int taps)
    {
        // The geometries above are checked for exact bytes; this checks that the 1080p -> 720p and 2:1 rows they include
        // really run the register-held loop over all but the edge blocks (otherwise its exactness goes untested).
        LanePlan plan = LanePlan.Build(sw, dw, channels, taps, OverlayBlendScaleParityTests.Lanczos3Table);
        Assert.True(plan.UniformEnd - plan.UniformFirst >= plan.BlockCount - 4,
            $"uniform run [{plan.UniformFirst}, {plan.UniformEnd}) of {plan.BlockCount} blocks");
        Assert.Equal(LanePlan.BlockSamples * sw / dw, plan.UniformStep);
    }

    private static void Compare(string filter, Plane src, int dw, int dh, int channels)
    {
        RequireFastPath();
        int sw = src.WidthBytes / channels;
        using Plane fast = Plane.Random(dw * channels, dh, 1);
        using Plane portable = fast.Clone(); // same padding bytes, which neither path may touch
        Scale(filter, src, fast, channels);
        PlaneScale.ForcePortable = true;
        try
        {
            Scale(filter, src, portable, channels);
        }
        finally
        {
            PlaneScale.ForcePortable = false;
        }

        fast.AssertSameAs(portable, $"{filter} {sw}x{src.Height}->{dw}x{dh}x{channels} on {SimdTier.Current}");
        if (SeparableScale.IsWideSupported)
        {
            using Plane lanes = portable.Clone();
            SeparableScale.LanesOnly = true;
            try
            {
                Scale(filter, src, lanes, channels);
            }
            finally
            {
                SeparableScale.LanesOnly = false;
            }

            lanes.AssertSameAs(portable, $"{filter} {sw}x{src.Height}->{dw}x{dh}x{channels}, AVX2/128-bit lane passes");

            // Where the lane passes hold a uniform run in registers they are chosen on AVX-512 too; the AVX-512 passes
            // still serve other ratios, so they are checked on every geometry as well.
            using Plane wide = portable.Clone();
            SeparableScale.WideOnly = true;
            try
            {
                Scale(filter, src, wide, channels);
            }
            finally
            {
                SeparableScale.WideOnly = false;
            }

            wide.AssertSameAs(portable, $"{filter} {sw}x{src.Height}->{dw}x{dh}x{channels}, AVX-512 passes");
        }
    }

    private static void RequireFastPath()
    {
        if (!SeparableScale.IsSupported)
        {
            Assert.Skip("No vector unit on this machine: only the portable scale path exists here.");
        }
    }

    private static void Scale(string filter, Plane src, Plane dst, int channels)
    {
        int sw = src.WidthBytes / channels, dw = dst.WidthBytes / channels;
        switch (filter)
        {
            case "bicubic":
                PlaneScale.ScalePlaneBicubic(src.Data, src.Pitch, sw, src.Height, dst.Data, dst.Pitch, dw, dst.Height, channels);
                break;
            case "lanczos3":
                PlaneScale.ScalePlaneLanczos3(src.Data, src.Pitch, sw, src.Height, dst.Data, dst.Pitch, dw, dst.Height, channels,
                    OverlayBlendScaleParityTests.Lanczos3Table);
                break;
            default:
                PlaneScale.ScalePlaneBilinear(src.Data, src.Pitch, sw, src.Height, dst.Data, dst.Pitch, dw, dst.Height, channels);
                break;
        }
    }
}
