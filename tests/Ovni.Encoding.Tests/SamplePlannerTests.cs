// Sample placement: systematic by default (one short sample centred in each stretch of equal length, with lead-in and lead-out
// frames that stop at the file's ends); scenes, key frames or even intervals when asked for, stratified in time, a sample at
// the start of each stratum's most typical segment, weights adding up to the file.
using Ovni.Encoding;

namespace Ovni.Encoding.Tests;

public sealed class SamplePlannerTests
{
    private static readonly TargetQualityOptions Six = new() { SampleCount = 6, SampleDuration = TimeSpan.FromSeconds(2) };

    [Fact]
    public void Each_stratum_is_sampled_at_the_start_of_its_most_typical_segment()
    {
        // 120 s at 25 fps in 12 segments of 10 s, all alike but segment 4; four strata of three segments each.
        var segments = Enumerable.Range(0, 12).Select(i => new SamplePlanner.Segment(i * 250, 250, TimeSpan.FromSeconds(i * 10), i == 4 ? 100 : 10)).ToList();
        List<SampleSpan> samples = SamplePlanner.Stratified(segments, 3000, 25, 4, 50);

        Assert.Equal(4, samples.Count);
        Assert.Equal(1.0, samples.Sum(s => s.Weight), 9);
        Assert.All(samples, s => Assert.Equal(0.25, s.Weight, 9));
        Assert.All(samples, s => Assert.Equal(50, s.FrameCount));
        // Every sample starts a segment, the first of each stratum when they are alike; the unusual segment 4 is passed over.
        Assert.Equal([0, 30, 60, 90], samples.Select(s => s.Start.TotalSeconds));
    }

    [Fact]
    public void A_single_long_shot_is_split_and_sampled_once_per_stratum()
    {
        var segments = new List<SamplePlanner.Segment> { new(0, 3000, TimeSpan.Zero, 5) };
        List<SampleSpan> samples = SamplePlanner.Stratified(segments, 3000, 25, 6, 50);
        Assert.Equal(6, samples.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(k => TimeSpan.FromSeconds(k * 20)), samples.Select(s => s.Start));
        Assert.All(samples, s => Assert.Equal(1.0 / 6, s.Weight, 9));
    }

    [Fact]
    public void Samples_run_on_past_short_segments()
    {
        // Scenes of one second each: a sample of two seconds runs into the next scene, as the full encode does.
        var segments = Enumerable.Range(0, 60).Select(i => new SamplePlanner.Segment(i * 25, 25, TimeSpan.FromSeconds(i), i % 7)).ToList();
        List<SampleSpan> samples = SamplePlanner.Stratified(segments, 1500, 25, 6, 50);
        Assert.Equal(6, samples.Count);
        Assert.All(samples, s => Assert.Equal(50, s.FrameCount));
    }

    [Fact]
    public void Key_frames_place_the_samples_when_there_are_no_scenes()
    {
        string clip = TestMedia.Require("people_static_camera_432p.mp4"); // one shot, a key frame every second
        KeyFrameIndex index = KeyFrameIndex.Read(clip, TestContext.Current.CancellationToken);
        (SamplePlacement placement, IReadOnlyList<SampleSpan> samples) = SamplePlanner.Plan(index.FrameCount, 10, Six with { Placement = SamplePlacement.KeyFrames }, scenes: null, index);

        Assert.Equal(SamplePlacement.KeyFrames, placement);
        Assert.Equal(6, samples.Count);
        Assert.All(samples, s => Assert.Contains(s.Start, index.KeyFrames));
        Assert.Equal(1.0, samples.Sum(s => s.Weight), 9);
        // Spread over the file: one per stratum of about 23 s.
        Assert.True(samples[^1].Start - samples[0].Start > TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Even_intervals_skip_intro_and_credits()
    {
        (SamplePlacement placement, IReadOnlyList<SampleSpan> samples) = SamplePlanner.Plan(3000, 25, Six with { Placement = SamplePlacement.EvenIntervals }, scenes: null, keyFrames: null);
        Assert.Equal(SamplePlacement.EvenIntervals, placement);
        Assert.Equal(6, samples.Count);
        Assert.True(samples[0].Start >= TimeSpan.FromSeconds(6) && samples[^1].Start + TimeSpan.FromSeconds(2) <= TimeSpan.FromSeconds(114));
    }

    [Fact]
    public void By_default_samples_are_systematic_centred_in_equal_stretches_whatever_the_key_frames()
    {
        string clip = TestMedia.Require("people_static_camera_432p.mp4"); // a key frame every second: the old plan sampled only those
        KeyFrameIndex index = KeyFrameIndex.Read(clip, TestContext.Current.CancellationToken);
        var options = new TargetQualityOptions { SampleCount = 8, SampleDuration = TimeSpan.FromSeconds(0.5) };
        (SamplePlacement placement, IReadOnlyList<SampleSpan> samples) = SamplePlanner.Plan(index.FrameCount, 10, options, scenes: null, index);

        Assert.Equal(SamplePlacement.Systematic, placement);
        Assert.Equal(8, samples.Count);
        Assert.All(samples, s => Assert.Equal(1.0 / 8, s.Weight, 9));
        SearchTuning tuning = options.EffectiveTuning;
        for (int k = 0; k < samples.Count; k++)
        {
            // Centred in stretch k of eight, so each frame of the file is equally likely to be sampled.
            double middle = (k + 0.5) * index.FrameCount / 8 / 10.0;
            Assert.Equal(middle, samples[k].Start.TotalSeconds + samples[k].FrameCount / 2 / 10.0, 1);
            Assert.Equal(tuning.LeadInFrames, samples[k].LeadIn);
            Assert.Equal(tuning.LeadOutFrames, samples[k].LeadOut);
        }
        // Most of them are not on a key frame (the frames after a key frame score above the file's mean).
        Assert.True(samples.Count(s => index.KeyFrames.Contains(s.Start)) <= 2);
    }

    [Fact]
    public void Lead_in_and_lead_out_stop_at_the_ends_of_the_file()
    {
        var options = new TargetQualityOptions { SampleCount = 4, SampleDuration = TimeSpan.FromSeconds(1), Tuning = new SearchTuning { LeadInFrames = 30, LeadOutFrames = 30 } };
        (_, IReadOnlyList<SampleSpan> samples) = SamplePlanner.Plan(200, 25, options, scenes: null, keyFrames: null);
        // 4 stretches of 50 frames, samples of 25 frames centred in them: starting at frames 13, 63, 113, 163.
        Assert.Equal([13, 63, 113, 163], samples.Select(s => (int)Math.Round(s.Start.TotalSeconds * 25)));
        Assert.Equal(13, samples[0].LeadIn);
        Assert.Equal(30, samples[1].LeadIn);
        Assert.Equal(30, samples[2].LeadOut);
        Assert.Equal(200 - 163 - 25, samples[3].LeadOut);
    }

    [Fact]
    public void A_plan_read_back_from_the_cache_keys_its_probes_as_the_plan_it_came_from()
    {
        // 2866 frames at 24000/1001 fps (the HDR10 input): the starts of the cached plan go through seconds as a double.
        double fps = 24000 / 1001.0;
        (_, IReadOnlyList<SampleSpan> samples) = SamplePlanner.Plan(2866, fps, new TargetQualityOptions(), scenes: null, keyFrames: null);
        // As the cache stores a plan (CachedPlan as JSON) and reads it back.
        double[] stored = System.Text.Json.JsonSerializer.Deserialize<double[]>(System.Text.Json.JsonSerializer.Serialize(samples.Select(s => s.Start.TotalSeconds).ToArray()))!;
        var reloaded = samples.Select((s, i) => s with { Start = TimeSpan.FromSeconds(stored[i]) }).ToList();
        Assert.Equal(samples.Select(TargetQualitySearch.SpanKey), reloaded.Select(TargetQualitySearch.SpanKey));
    }

    [Fact]
    public void Samples_covering_most_of_the_file_become_the_whole_file()
    {
        (SamplePlacement placement, IReadOnlyList<SampleSpan> samples) = SamplePlanner.Plan(400, 25, Six, scenes: null, keyFrames: null);
        Assert.Equal(SamplePlacement.WholeFile, placement);
        Assert.Equal(400, Assert.Single(samples).FrameCount);
    }
}
