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

    [Fact]
    public void Target_vmaf_with_a_crf_or_on_a_cluster_is_refused_with_the_reason_and_writes_nothing()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string output = temp.File("o.mkv");
        (int code, _, string err) = OvniProcess.Run("chunked", source, output, "--encoder", "libx264", "--crf", "30", "--target-vmaf", "95");
        Assert.NotEqual(0, code);
        Assert.Contains("either --crf", err);
        // A cluster cannot search per chunk yet: refused before the database is even contacted (none listens on port 1).
        (code, _, err) = OvniProcess.Run("chunked", source, output, "--encoder", "libx264", "--target-vmaf", "95",
            "--cluster", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
        Assert.NotEqual(0, code);
        Assert.Contains("not available in cluster mode", err);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("libx264")]
    [InlineData("libx265")]
    public async Task Chunks_at_different_crfs_join_into_one_frame_exact_stream(string encoder)
    {
        // x264 and x265 write the CRF into their headers unless told not to; the join needs every chunk's headers equal.
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        var options = new ChunkedEncodeOptions
        {
            Encoding = new VideoEncoderOptions { Encoder = encoder, Preset = "ultrafast" },
            Workers = 2,
            CutPoints = new KnownCutPoints([ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame]),
            PerChunkSettings = new CrfByChunk([20, 34, 27]),
            WorkDirectory = temp.File("work"),
            KeepChunks = true,
        };
        await ChunkedEncoder.EncodeAsync(source, output, options, cancellationToken: TestContext.Current.CancellationToken);
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        Assert.True(timeline.Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? difference), difference);
        Assert.Equal(FFmpegCli.CountFrames(source), FFmpegCli.CountFrames(output)); // every frame decodes
        Assert.Equal(["20", "27", "34"], ChosenCrfs(options.WorkDirectory!).Order());
        // The chunk at CRF 20 is bigger per frame than the one at 34: the settings really were each chunk's own.
        long[] sizes = Enumerable.Range(0, 3).Select(i => new FileInfo(Path.Combine(options.WorkDirectory!, $"chunk-{i:00000}.mkv")).Length).ToArray();
        Assert.True(sizes[0] / 96.0 > sizes[1] / 72.0, $"chunk sizes {string.Join(", ", sizes)}");
    }

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
        // The clip borders, and any cut the detector finds inside a clip (Big Buck Bunny has its own shot changes): every
        // scene here lasts 1-10 s, so each detected start is a chunk start and nothing else is.
        Assert.Equal(scenes.Frames.Append(0).Distinct().Order(), plan.Chunks.Select(c => c.StartFrame));
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
        string[] crfs = ChosenCrfs(options.WorkDirectory!);
        Assert.Equal(3, crfs.Length);
        Assert.True(crfs.Distinct().Count() > 1, "every chunk got CRF " + string.Join(",", crfs));
    }

    private static string[] ChosenCrfs(string workDirectory) =>
        File.ReadAllLines(Path.Combine(workDirectory, "done.log"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, "crf ([0-9]+)").Groups[1].Value).Where(v => v.Length > 0).ToArray();

    /// <summary>Each chunk's CRF from a list (what a per-chunk search hands back), so the join of mixed settings is tested on its own.</summary>
    private sealed class CrfByChunk(int[] crfs) : IChunkSettingsSelector
    {
        public string Description => "crf-by-chunk:" + string.Join(",", crfs);

        public Task<VideoEncoderOptions> ChooseAsync(string source, ChunkSpan chunk, VideoTimeline timeline, VideoEncoderOptions baseline, CancellationToken cancellationToken) =>
            Task.FromResult(baseline with { Crf = crfs[chunk.Index] });
    }

    private sealed class MeasuredCuts(IReadOnlyList<int> frames, IReadOnlyList<double> activity) : ICutPointSource
    {
        public string Description => "measured";

        public Task<SceneStarts> FindScenesAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken) =>
            Task.FromResult(new SceneStarts(frames, activity));
    }
}
