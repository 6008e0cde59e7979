namespace Ovni.Chunking.Tests;

/// <summary>How a plan takes what its cut source found: the scene starts and, where it measured it, the split activity.</summary>
public class CutSourceTests
{
    [Fact]
    public async Task A_cut_source_s_activity_decides_where_a_long_scene_is_split()
    {
        // 18 s at 25 fps, no cuts, max 10 s: one split, placed at the calmest frame the source reports within reach.
        var timeline = VideoTimeline.FromTimestamps(Enumerable.Range(0, 450).Select(i => (long)i).ToArray(), new Rational(1, 25));
        var identity = new SourceIdentity("/nowhere.mkv", 1, DateTime.UnixEpoch, "00");
        foreach (int calm in new[] { 205, 240 })
        {
            double[] activity = Enumerable.Repeat(10.0, 450).ToArray();
            activity[calm] = 1;
            var options = new ChunkedEncodeOptions
            {
                Encoding = new VideoEncoderOptions { Encoder = "libx264", Crf = 30 },
                Plan = new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 10 },
                CutPoints = new MeasuredCuts([0], activity),
            };
            ChunkPlan plan = await ChunkedEncoder.MakePlanAsync("/nowhere.mkv", identity, ChunkedEncoder.SettingsText(options), timeline, options,
                TestContext.Current.CancellationToken);
            Assert.Equal([0, calm], plan.Chunks.Select(c => c.StartFrame));
        }
    }

#if OVNI_SCENES_AND_TARGET_QUALITY
    [Fact]
    public async Task By_default_chunks_start_at_the_scenes_Ovni_s_detector_finds()
    {
        string source = ChunkingInputs.TwoScenes();
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        SceneStarts scenes = await new SceneDetectorCutPoints().FindScenesAsync(source, timeline, TestContext.Current.CancellationToken);
        Assert.Contains(ChunkingInputs.SecondClipFrame, scenes.Frames);
        Assert.Contains(ChunkingInputs.ThirdClipFrame, scenes.Frames);
        Assert.NotNull(scenes.Activity);
        Assert.Equal(timeline.Count, scenes.Activity.Count);

        var options = new ChunkedEncodeOptions
        {
            Encoding = new VideoEncoderOptions { Encoder = "libx264", Crf = 30 },
            Plan = new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 10 },
        };
        Assert.Contains("cuts=scenes:", ChunkedEncoder.SettingsText(options));
        ChunkPlan plan = await ChunkedEncoder.MakePlanAsync(source, SourceIdentity.Compute(source), ChunkedEncoder.SettingsText(options), timeline, options,
            TestContext.Current.CancellationToken);
        Assert.Equal([0, ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame], plan.Chunks.Select(c => c.StartFrame));
    }

    [Fact]
    public async Task Per_chunk_target_quality_gives_each_chunk_its_own_crf_and_a_frame_exact_file()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string output = temp.File("tq.mkv");
        var options = new ChunkedEncodeOptions
        {
            Encoding = new VideoEncoderOptions { Encoder = "libx264", Preset = "ultrafast" },
            Workers = 2,
            CutPoints = new KnownCutPoints([ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame]),
            PerChunkSettings = new TargetVmafChunkSettings(new TargetQualityOptions { TargetVmaf = 93, MaxProbes = 4 }),
            WorkDirectory = temp.File("work"),
            KeepChunks = true,
        };
        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, output, options, cancellationToken: TestContext.Current.CancellationToken);
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        Assert.True(VideoTimeline.Read(output, TestContext.Current.CancellationToken).Matches(timeline, out string? difference), difference);
        Assert.Equal(3, result.Chunks);

        // The done-log names each chunk's chosen CRF; film, animation and a static camera do not all need the same one.
        string[] crfs = File.ReadAllLines(Path.Combine(options.WorkDirectory!, "done.log"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, "crf ([0-9]+)").Groups[1].Value).Where(v => v.Length > 0).ToArray();
        Assert.Equal(3, crfs.Length);
        Assert.True(crfs.Distinct().Count() > 1, "every chunk got CRF " + string.Join(",", crfs));
    }
#endif

    private sealed class MeasuredCuts(IReadOnlyList<int> frames, IReadOnlyList<double> activity) : ICutPointSource
    {
        public string Description => "measured";

        public Task<SceneStarts> FindScenesAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken) =>
            Task.FromResult(new SceneStarts(frames, activity));
    }
}
