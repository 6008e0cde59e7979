// The search on real footage (short samples, x264 ultrafast, so it runs in CI), its cache, and the bad inputs of the issue.
using Ovni.Encoding;

namespace Ovni.Encoding.Tests;

public sealed class TargetQualitySearchTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private TargetQualityOptions Options(double target = 93) => BaseOptions(target) with { CachePath = _temp.File("cache.sqlite") };

    /// <summary>Short samples, x264 ultrafast, even placement, the models of ../shared/vmaf; no cache.</summary>
    internal static TargetQualityOptions BaseOptions(double target = 93) => new()
    {
        TargetVmaf = target, Encoder = "libx264", Preset = "ultrafast", SampleCount = 3, SampleDuration = TimeSpan.FromSeconds(0.5),
        Placement = SamplePlacement.EvenIntervals, Models = VmafModelCatalog.FromDirectory(Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!),
        CachePath = null,
    };

    [Theory]
    [InlineData(SamplePlacement.EvenIntervals)]
    [InlineData(SamplePlacement.Systematic)] // the default; 29.97 fps: sample starts that are not whole ticks
    public async Task The_answer_meets_the_target_between_probes_and_a_repeated_search_encodes_nothing(SamplePlacement placement)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        var search = new TargetQualitySearch(Options() with { Placement = placement });
        TargetQualityResult first = await search.SearchAsync(clip, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(first.Reachable);
        Assert.True(first.PredictedVmaf >= 93, $"predicted {first.PredictedVmaf}");
        Assert.InRange(first.Probes.Count, 2, 6);
        // The answer is bracketed: a probe at or below its CRF meets the target, one above misses it.
        Assert.Contains(first.Probes, p => p.Crf <= first.Crf && p.Vmaf >= 93);
        Assert.Contains(first.Probes, p => p.Crf > first.Crf && p.Vmaf < 93);
        Assert.True(first.PredictedBytes > 0 && first.PredictedSizePercent > 0);

        TargetQualityResult again = await search.SearchAsync(clip, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, again.ProbesEncoded);
        Assert.Equal(first.Crf, again.Crf);
        Assert.Equal(first.PredictedVmaf, again.PredictedVmaf);
    }

    [Fact]
    public async Task An_unreachable_target_is_an_answer_with_the_best_crf_in_range()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        var options = Options(99.99) with { MinCrf = 30, MaxCrf = 40 };
        TargetQualityResult result = await new TargetQualitySearch(options).SearchAsync(clip, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(result.Reachable);
        Assert.Equal(30, result.Crf);
        Assert.True(result.PredictedVmaf < 99.99);
    }

    [Fact]
    public async Task Auto_placement_is_systematic_and_decodes_no_scenes()
    {
        // Scene detection decodes the whole file (a fifth of a fast encode's time); systematic samples need none (the key
        // frame index, read from the packets, gives the exact frame count).
        string clip = TestMedia.Require("big_buck_bunny_60s_360p.mp4");
        var phases = new PhaseLog();
        TargetQualityResult result = await new TargetQualitySearch(BaseOptions(90) with { Placement = SamplePlacement.Auto })
            .SearchAsync(clip, phases, TestContext.Current.CancellationToken);
        Assert.Equal(SamplePlacement.Systematic, result.Placement);
        Assert.Contains("keyframes", phases.Seen);
        Assert.DoesNotContain("scenes", phases.Seen);
        Assert.Equal(3, result.SampleCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.5)]
    [InlineData(-3.0)]
    public async Task A_target_outside_0_to_100_is_an_OvniException(double target)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        var e = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options(target)).SearchAsync(clip, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("target VMAF", e.Message);
    }

    [Fact]
    public async Task Bad_inputs_are_clear_OvniExceptions()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        CancellationToken ct = TestContext.Current.CancellationToken;
        var crf = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options() with { MinCrf = 30, MaxCrf = 30 }).SearchAsync(clip, cancellationToken: ct));
        Assert.Contains("lowest CRF", crf.Message);
        var inverted = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options() with { MinCrf = 35, MaxCrf = 20 }).SearchAsync(clip, cancellationToken: ct));
        Assert.Contains("lowest CRF", inverted.Message);
        // Only one bound given: the other is the encoder's, and the pair must still be in order (x264's highest is 40).
        var beyondRange = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options() with { MinCrf = 45 }).SearchAsync(clip, cancellationToken: ct));
        Assert.Contains("lowest CRF", beyondRange.Message);
        var missing = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options()).SearchAsync(_temp.File("missing.mp4"), cancellationToken: ct));
        Assert.Contains("missing.mp4", missing.Message);
        var encoder = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options() with { Encoder = "libnothing" }).SearchAsync(clip, cancellationToken: ct));
        Assert.Contains("libnothing", encoder.Message);
        string audio = _temp.File("audio.m4a");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1", audio);
        var noVideo = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options()).SearchAsync(audio, cancellationToken: ct));
        Assert.Contains("no video", noVideo.Message);
        string tiny = _temp.File("tiny.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-frames:v", "5", "-an", tiny);
        var shortSource = await Assert.ThrowsAsync<OvniException>(() => new TargetQualitySearch(Options() with { SampleDuration = TimeSpan.FromSeconds(1), SampleCount = 2 }).SearchAsync(tiny, cancellationToken: ct));
        Assert.Contains("shorter than one sample", shortSource.Message);
    }

    /// <summary>The phases a search reported, recorded as they are reported (Progress&lt;T&gt; would post them later).</summary>
    private sealed class PhaseLog : IProgress<TargetQualityProgress>
    {
        public List<string> Seen { get; } = [];

        public void Report(TargetQualityProgress value)
        {
            lock (Seen) Seen.Add(value.Phase);
        }
    }
}
