// A probe that codes all samples with one encoder (SearchTuning.OneEncoder): each sample must start with a key frame nothing
// before it refers to, and score as it does with an encoder of its own; a cancelled probe leaves no files.
using Ovni.Quality;

namespace Ovni.Encoding.Tests;

public sealed class OneEncoderProbeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("libx264", "fast")]
    [InlineData("libx265", "fast")]
    [InlineData("libsvtav1", "10")]
    public async Task Forced_key_frames_are_key_frames_where_asked(string encoder, string preset)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        string output = _temp.File($"forced-{encoder}.mkv");
        var forced = new HashSet<long> { 0, 17, 30, 41 };
        await using (MediaReader reader = MediaReader.Open(clip))
        await using (MediaWriter writer = MediaWriter.Create(output, new VideoEncoderOptions { Encoder = encoder, Preset = preset, ForcedKeyFrames = forced },
            new MediaWriterOptions { Container = "matroska" }))
            await writer.WriteAsync(Take(reader.ReadFramesAsync(TestContext.Current.CancellationToken), 52), cancellationToken: TestContext.Current.CancellationToken);
        VideoTimeline timeline = VideoTimeline.Read(output, TestContext.Current.CancellationToken);
        Assert.Equal(52, timeline.Count);
        foreach (long k in forced) Assert.True(timeline.KeyFrames[(int)k], $"{encoder}: frame {k} was forced but is not a key frame");
        // Without forcing, the same encoder puts no key frame at 17 (so the test above shows the option at work).
        string plain = _temp.File($"plain-{encoder}.mkv");
        await using (MediaReader reader = MediaReader.Open(clip))
        await using (MediaWriter writer = MediaWriter.Create(plain, new VideoEncoderOptions { Encoder = encoder, Preset = preset }, new MediaWriterOptions { Container = "matroska" }))
            await writer.WriteAsync(Take(reader.ReadFramesAsync(TestContext.Current.CancellationToken), 52), cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(VideoTimeline.Read(plain, TestContext.Current.CancellationToken).KeyFrames[17]);
    }

    [Theory]
    [InlineData("libx264", "fast", 6)]
    [InlineData("libsvtav1", "10", 16)]
    public async Task One_encoder_scores_the_same_frames_as_an_encoder_per_sample(string encoder, string preset, int leadIn)
    {
        EncoderProfile profile = EncoderProfile.For(encoder);
        (TargetQualityOptions options, IReadOnlyList<SampleSpan> spans, SampleSet samples) =
            await SampleFourAsync(encoder, preset, profile.Tuning with { LeadInFrames = leadIn, KeyFramePerSample = true });
        await using SampleSet owned = samples;
        VmafModel model = options.Models!.For(640, 360);
        double crf = profile.Guess(93);
        ProbeRecord one = await ProbeRunner.RunAsync(samples, profile, options, crf, model, _temp.Path, TestContext.Current.CancellationToken);
        ProbeRecord each = await ProbeRunner.RunAsync(samples, profile, options with { Tuning = options.Tuning! with { OneEncoder = false } }, crf, model, _temp.Path,
            TestContext.Current.CancellationToken);
        Assert.Equal(spans.Count, one.Vmaf.Length);
        for (int k = 0; k < spans.Count; k++)
        {
            Assert.Equal(each.Vmaf[k].Length, one.Vmaf[k].Length);
            Assert.True(one.Vmaf[k].Length >= 5, $"sample {k} scored {one.Vmaf[k].Length} frames");
            Assert.True(one.Bytes[k] > 0);
            // Each sample coded from its own key frame: its scores are those of a sample coded alone, up to the encoder's noise
            // (rate control state carried over from the sample before, which the lead-in frames absorb).
            double a = one.Vmaf[k].Average(v => (double)v), b = each.Vmaf[k].Average(v => (double)v);
            Assert.True(Math.Abs(a - b) < 1.5, $"sample {k}: one encoder {a:0.00}, an encoder each {b:0.00}");
        }
        double pooledOne = one.Vmaf.SelectMany(v => v).Average(v => (double)v), pooledEach = each.Vmaf.SelectMany(v => v).Average(v => (double)v);
        Assert.True(Math.Abs(pooledOne - pooledEach) < 0.5, $"pooled: one encoder {pooledOne:0.000}, an encoder each {pooledEach:0.000}");
        Assert.InRange(one.Bytes.Sum() / (double)each.Bytes.Sum(), 0.85, 1.15);
        Assert.Empty(Directory.GetFiles(_temp.Path, "probe-*"));
    }

    [Theory]
    [InlineData("libsvtav1", "10")]
    [InlineData("libx264", "fast")]
    public async Task A_probe_coded_as_one_stream_scores_each_sample_on_its_own_frames(string encoder, string preset)
    {
        // SVT-AV1's and x264's probes run the samples on as one stream (SearchTuning.KeyFramePerSample false): the file has no
        // key frame at each sample to seek to and is read in order, lead-out frames dropped. A frame out of step would pair one
        // sample's frames with another's (or with a lead-out frame) and score far lower than the same samples coded one by one.
        EncoderProfile profile = EncoderProfile.For(encoder);
        Assert.False(profile.Tuning.KeyFramePerSample);
        (TargetQualityOptions options, IReadOnlyList<SampleSpan> spans, SampleSet samples) = await SampleFourAsync(encoder, preset, profile.Tuning);
        await using SampleSet owned = samples;
        double repeats = samples.RepeatShares.Average();
        Assert.False(profile.Tuning.KeyFrameEverySample(repeats), $"repeated frames {repeats:0.00}: the probe would take a key frame per sample");
        VmafModel model = options.Models!.For(640, 360);
        double crf = profile.Guess(93);
        ProbeRecord stream = await ProbeRunner.RunAsync(samples, profile, options, crf, model, _temp.Path, TestContext.Current.CancellationToken);
        ProbeRecord keyed = await ProbeRunner.RunAsync(samples, profile, options with { Tuning = profile.Tuning with { KeyFramePerSample = true } }, crf, model,
            _temp.Path, TestContext.Current.CancellationToken);
        Assert.NotEqual(keyed.Bytes, stream.Bytes); // the two ways really coded differently
        for (int k = 0; k < spans.Count; k++)
        {
            Assert.Equal(keyed.Vmaf[k].Length, stream.Vmaf[k].Length);
            Assert.True(stream.Vmaf[k].Length >= 5, $"sample {k} scored {stream.Vmaf[k].Length} frames");
            Assert.True(stream.Bytes[k] > 0);
            double a = stream.Vmaf[k].Average(v => (double)v), b = keyed.Vmaf[k].Average(v => (double)v);
            Assert.True(Math.Abs(a - b) < 3, $"sample {k}: one stream {a:0.00}, a key frame per sample {b:0.00}");
        }
        Assert.Empty(Directory.GetFiles(_temp.Path, "probe-*"));
    }

    [Theory]
    [InlineData("libsvtav1", true)]
    [InlineData("libx264", false)]
    [InlineData("libx265", true)]
    public void Where_frames_mostly_repeat_only_x264_keeps_its_samples_in_one_stream(string encoder, bool keyed)
    {
        // Shares of repeated frames measured on the test inputs: screen capture 0.58, static camera 0.33, moving footage <= 0.04.
        // SVT-AV1's stream then copies a badly coded first frame after each cut; x264's scores as the full encode (EncoderProfile).
        SearchTuning tuning = EncoderProfile.For(encoder).Tuning;
        Assert.Equal(keyed, tuning.KeyFrameEverySample(0.58));
        Assert.Equal(keyed, tuning.KeyFrameEverySample(0.33));
        Assert.Equal(encoder == "libx265", tuning.KeyFrameEverySample(0.02)); // x265 keys every sample whatever the content
    }

    [Fact]
    public async Task A_probe_cancelled_while_encoding_leaves_no_files()
    {
        string clip = TestMedia.Require("big_buck_bunny_60s_360p.mp4");
        var options = TargetQualitySearchTests.BaseOptions() with { Encoder = "libx264", Preset = "fast", SampleCount = 6, Placement = SamplePlacement.Systematic };
        KeyFrameIndex index = KeyFrameIndex.Read(clip, TestContext.Current.CancellationToken);
        (SamplePlacement placement, IReadOnlyList<SampleSpan> spans) = SamplePlanner.Plan(index.FrameCount, 24, options, null, index);
        string folder = Directory.CreateDirectory(_temp.File("probe")).FullName;
        await using SampleSet samples = await SampleSet.ExtractAsync(clip, spans, placement == SamplePlacement.WholeFile, folder, TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // The samples are in memory by now; 150 ms is well inside the encode of 6 × 30 frames and their scoring.
        cts.CancelAfter(TimeSpan.FromMilliseconds(150));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ProbeRunner.RunAsync(samples, EncoderProfile.For("libx264"), options, 28, options.Models!.For(640, 360), folder, cts.Token));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData(6, 2)]
    [InlineData(16, 2)]
    [InlineData(7, 3)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(0, 2)]
    public void The_scorer_is_fed_the_last_lead_in_frames_in_the_same_subsampling_phase(int leadIn, int subsample)
    {
        int unfed = ProbeRunner.Unfed(leadIn, subsample);
        Assert.InRange(unfed, 0, Math.Max(0, leadIn - 1)); // the frame before the first scored one is always fed (motion needs it)
        Assert.Equal(0, unfed % subsample); // so the frames scored are the ones scored when the whole lead-in is fed
        Assert.True(leadIn - unfed <= Math.Max(1, subsample), $"{leadIn - unfed} lead-in frames fed");
    }

    [Fact]
    public async Task A_probe_tells_the_encoder_the_source_frame_rate_as_the_full_encode_does()
    {
        // The static camera runs at 10 fps; a writer told nothing assumes 25, and x265's rate control, which weighs frames by
        // their rate, then coded the samples 1-2.4 VMAF below the same frames of the full encode.
        string clip = TestMedia.Require("people_static_camera_432p.mp4");
        Rational source = MediaReader.Probe(clip).Video!.FrameRate;
        Assert.Equal(10, source.ToDouble(), 6);
        var options = TargetQualitySearchTests.BaseOptions() with { Encoder = "libx265", Preset = "fast", SampleCount = 2, Placement = SamplePlacement.Systematic };
        KeyFrameIndex index = KeyFrameIndex.Read(clip, TestContext.Current.CancellationToken);
        (SamplePlacement placement, IReadOnlyList<SampleSpan> spans) = SamplePlanner.Plan(index.FrameCount, source.ToDouble(), options, null, index);
        await using SampleSet samples = await SampleSet.ExtractAsync(clip, spans, placement == SamplePlacement.WholeFile, _temp.Path, TestContext.Current.CancellationToken);
        EncoderProfile profile = EncoderProfile.For("libx265");
        VideoEncoderOptions encoding = ProbeRunner.EncoderOptions(samples, profile, options, 28, 2, new HashSet<long> { 0, 20 });
        Assert.Equal(source, encoding.FrameRate);
        Assert.Equal("libx265", encoding.Encoder);
        Assert.Equal(new HashSet<long> { 0, 20 }, encoding.ForcedKeyFrames);
        Assert.Contains(encoding.ExtraOptions!, kv => kv.Value.Contains("28", StringComparison.Ordinal)); // the CRF, in the encoder's own option
    }

    // Four systematic samples of Big Buck Bunny, cut for the encoder and tuning given.
    private async Task<(TargetQualityOptions Options, IReadOnlyList<SampleSpan> Spans, SampleSet Samples)> SampleFourAsync(string encoder, string preset, SearchTuning tuning)
    {
        string clip = TestMedia.Require("big_buck_bunny_60s_360p.mp4");
        var options = TargetQualitySearchTests.BaseOptions() with
        {
            Encoder = encoder, Preset = preset, SampleCount = 4, Placement = SamplePlacement.Systematic, Tuning = tuning,
        };
        KeyFrameIndex index = KeyFrameIndex.Read(clip, TestContext.Current.CancellationToken);
        (SamplePlacement placement, IReadOnlyList<SampleSpan> spans) = SamplePlanner.Plan(index.FrameCount, 24, options, null, index);
        SampleSet samples = await SampleSet.ExtractAsync(clip, spans, placement == SamplePlacement.WholeFile, _temp.Path, TestContext.Current.CancellationToken);
        return (options, spans, samples);
    }

    private static async IAsyncEnumerable<GpuFrame> Take(IAsyncEnumerable<GpuFrame> frames, int count)
    {
        int n = 0;
        await foreach (GpuFrame frame in frames)
        {
            if (n++ >= count) { frame.Dispose(); yield break; }
            yield return frame;
        }
    }
}
