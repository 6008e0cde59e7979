namespace Ovni.Encoding.Tests;

/// <summary>
/// The corrective encode's CRF, from the probes' curve moved through what the first full encode measured. The probes are
/// those of a real search on a steep clip (about 1.8 VMAF per CRF): there one x264 step (0.5) is wider than half the window.
/// </summary>
public class CorrectiveCrfTests
{
    private const double Target = 93;
    private static readonly EncoderProfile X264 = EncoderProfile.For("libx264");

    private static TargetQualityResult Search(params (double Crf, double Vmaf)[] probes) => new()
    {
        Input = "in.mp4", TargetVmaf = Target, Reachable = true, Crf = 28, PredictedVmaf = 93.01, PredictedBytes = 1, PredictedSizePercent = 1,
        PredictedEncodeTime = TimeSpan.Zero, Probes = [.. probes.Select(p => new CrfProbe(p.Crf, p.Vmaf, 1, 1, 0, false))],
        Placement = SamplePlacement.Auto, SampleCount = 1, SampleFrames = 1, Interpolation = "pchip", Elapsed = TimeSpan.Zero, Encoder = "libx264",
    };

    private static readonly TargetQualityResult Steep = Search((24.5, 97.52), (27.5, 93.87), (28, 93.01), (30.5, 88.44));

    [Fact]
    public void A_steep_curve_does_not_jump_over_the_window_when_the_next_step_still_meets_the_target()
    {
        // The first encode at 30.5 measured 89.61: the curve moves up by 1.17. CRF 28 is then expected at 94.18 (over
        // target + 1, where the real encode landed at 94.29); 28.5 is expected between 93 and 94.
        double corrected = TargetQualityEncoder.Correct(Steep, X264, 30.5, 89.61, Target);
        Assert.Equal(28.5, corrected);
    }

    [Fact]
    public void The_correction_keeps_its_margin_when_the_next_step_would_fall_below_the_target()
    {
        // Measured exactly on the curve: CRF 28 is expected at 93.01, short of target + 0.3, so the margin pulls to a lower
        // CRF; nothing moves up past the target.
        double corrected = TargetQualityEncoder.Correct(Steep, X264, 30.5, 88.44, Target);
        Assert.True(corrected < 28, $"{corrected}");
    }

    [Fact]
    public void A_correction_that_missed_too_is_followed_by_an_encode_between_the_two_measured()
    {
        // Round 7, x265 on the screen capture, target 90: CRF 33.5 measured 87.57, the correction from the probes took 30,
        // which measured 91.89 (the file is steeper than its samples). The line through the two reaches 90.3 near CRF 31.3.
        EncoderProfile x265 = EncoderProfile.For("libx265");
        Assert.Equal(31.5, TargetQualityEncoder.Between(x265, (33.5, 87.57), (30, 91.89), 90));
        Assert.Equal(31.5, TargetQualityEncoder.Between(x265, (30, 91.89), (33.5, 87.57), 90));
        // No slope to read (the same score, or a higher CRF scoring higher): nothing better than the last encode's CRF.
        Assert.Equal(30, TargetQualityEncoder.Between(x265, (33.5, 91.89), (30, 91.89), 90));
        Assert.Equal(30, TargetQualityEncoder.Between(x265, (33.5, 92.5), (30, 91.89), 90));
        // Clamped to the encoder's range.
        Assert.Equal(x265.MinCrf, TargetQualityEncoder.Between(x265, (12, 80), (10, 81), 95));
    }

    [Fact]
    public void Encodes_follow_each_other_until_one_lands_in_the_window_or_three_were_made()
    {
        // Round 8, x265 on the static camera, target 90: CRF 30.5 measured 92.69 (above target + 1), the correction went to
        // 32.5, which measured 91.10, still above: the third encode goes on the line through the two (90.3 near CRF 33.5).
        EncoderProfile x265 = EncoderProfile.For("libx265");
        TargetQualityResult search = Search((26, 95.2), (30.5, 90.11), (32, 88.9)) with { TargetVmaf = 90, Crf = 30.5, Encoder = "libx265" };
        Assert.Null(TargetQualityEncoder.NextCrf(search, x265, [(30.5, 90.5)], 90, 0.25));
        Assert.Null(TargetQualityEncoder.NextCrf(search, x265, [(30.5, 89.8)], 90, 0.25));
        Assert.Null(TargetQualityEncoder.NextCrf(search, x265, [(30.5, double.NaN)], 90, 0.25));
        Assert.Equal(TargetQualityEncoder.Correct(search, x265, 30.5, 92.69, 90), TargetQualityEncoder.NextCrf(search, x265, [(30.5, 92.69)], 90, 0.25));
        Assert.Equal(33.5, TargetQualityEncoder.NextCrf(search, x265, [(30.5, 92.69), (32.5, 91.10)], 90, 0.25));
        Assert.Null(TargetQualityEncoder.NextCrf(search, x265, [(30.5, 92.69), (32.5, 91.10), (33.5, 89.2)], 90, 0.25));
        // A CRF already encoded is not encoded again.
        Assert.Null(TargetQualityEncoder.NextCrf(search, x265, [(30.5, 92.69), (32.5, 92.69)], 90, 0.25));
    }

    [Fact]
    public void An_encode_far_above_the_target_is_corrected_upwards()
    {
        double corrected = TargetQualityEncoder.Correct(Steep, X264, 25.5, 96.9, Target);
        Assert.True(corrected > 25.5, $"{corrected}");
    }
}
