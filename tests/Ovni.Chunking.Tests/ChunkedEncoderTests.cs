namespace Ovni.Chunking.Tests;

public class ChunkedEncoderTests
{
    private static ChunkedEncodeOptions Options(string workDir, int workers = 2) => new()
    {
        Encoding = new VideoEncoderOptions { Encoder = "libx264", Crf = 30, Preset = "veryfast" },
        Workers = workers,
        Plan = new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 2 },
        CutPoints = new KnownCutPoints([ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame]),
        WorkDirectory = workDir,
    };

    [Fact]
    public async Task Two_workers_give_a_frame_exact_file_and_clean_up()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv"), work = temp.File("work");
        var reports = new List<ChunkedProgress>();
        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, output, Options(work), new SynchronousProgress<ChunkedProgress>(reports.Add),
            TestContext.Current.CancellationToken);
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        Assert.True(timeline.Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
        Assert.Equal(FFmpegCli.CountFrames(source), FFmpegCli.CountFrames(output));
        Assert.Equal(timeline.Count, result.Frames);
        Assert.Equal(result.Chunks, result.ChunksEncoded);
        Assert.True(result.Chunks >= 5);
        Assert.False(Directory.Exists(work));
        Assert.Equal([output], Directory.GetFiles(temp.Path));
        Assert.Contains(reports, r => r.Phase == ChunkedPhase.Joining);
        Assert.Equal(ChunkedPhase.Done, reports[^1].Phase);
        Assert.Equal(timeline.Count, reports[^1].FramesDone);
    }

    [Fact]
    public async Task A_cancelled_run_resumes_without_encoding_its_finished_chunks_again()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv"), work = temp.File("work");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress<ChunkedProgress>(p => { if (p.ChunksDone >= 2) cancel.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ChunkedEncoder.EncodeAsync(source, output, Options(work, workers: 1), progress, cancel.Token));
        Assert.False(File.Exists(output));
        var before = Directory.GetFiles(work, "chunk-*.mkv").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        int planned = ChunkPlan.TryLoad(Path.Combine(work, "plan.json"))!.Chunks.Count;
        Assert.InRange(before.Count, 2, planned - 1);

        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, output, Options(work) with { KeepChunks = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before.Count, result.ChunksReused);
        Assert.Equal(result.Chunks - before.Count, result.ChunksEncoded);
        foreach (var (file, written) in before) Assert.Equal(written, File.GetLastWriteTimeUtc(file)); // not re-encoded
        Assert.True(VideoTimeline.Read(source, TestContext.Current.CancellationToken).Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
    }

    [Fact]
    public async Task A_damaged_chunk_is_encoded_again_and_other_settings_start_a_new_plan()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv"), work = temp.File("work");
        ChunkedEncodeResult first = await ChunkedEncoder.EncodeAsync(source, output, Options(work) with { KeepChunks = true },
            cancellationToken: TestContext.Current.CancellationToken);
        string damaged = Directory.GetFiles(work, "chunk-*.mkv").Order().ElementAt(1);
        using (var stream = new FileStream(damaged, FileMode.Open)) stream.SetLength(stream.Length / 2);
        ChunkedEncodeResult second = await ChunkedEncoder.EncodeAsync(source, output, Options(work) with { KeepChunks = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, second.ChunksEncoded);
        Assert.Equal(first.Chunks - 1, second.ChunksReused);

        ChunkedEncodeResult third = await ChunkedEncoder.EncodeAsync(source, output,
            Options(work) with { Encoding = new VideoEncoderOptions { Encoder = "libx264", Crf = 35, Preset = "veryfast" } },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, third.ChunksReused);
        Assert.NotEqual(first.PlanId, third.PlanId);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_any_work_with_the_reason()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        var noEncoder = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, temp.File("o.mkv"),
            Options(temp.File("w")) with { Encoding = new VideoEncoderOptions { Encoder = "libnothing" } }, cancellationToken: ct));
        Assert.Contains("libnothing", noEncoder.Message);
        var same = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, source, Options(temp.File("w")), cancellationToken: ct));
        Assert.Contains("same file", same.Message);
        var folder = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, "/nonexistent/dir/o.mkv", Options(temp.File("w")), cancellationToken: ct));
        Assert.Contains("/nonexistent/dir", folder.Message);
        var missing = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(temp.File("none.mkv"), temp.File("o.mkv"), Options(temp.File("w")), cancellationToken: ct));
        Assert.Contains("none.mkv", missing.Message);
        var cuts = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, temp.File("o.mkv"),
            Options(temp.File("w")) with { CutPoints = new KnownCutPoints([100000]) }, cancellationToken: ct));
        Assert.Contains("100000", cuts.Message);
        Assert.False(File.Exists(temp.File("o.mkv")));
    }

    [Fact]
    public async Task A_failing_chunk_names_itself_publishes_nothing_and_never_touches_other_files_in_the_work_folder()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        string work = Directory.CreateDirectory(temp.File("mine")).FullName;
        File.WriteAllText(Path.Combine(work, "notes.txt"), "the user's own file");
        var bad = Options(work) with { Encoding = new VideoEncoderOptions { Encoder = "libx264", Crf = 30, ExtraOptions = new Dictionary<string, string> { ["no-such-option"] = "1" } } };
        var e = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, temp.File("out.mkv"), bad, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Matches(@"^Chunk \d+ \(frames \d+\.\.\d+\) failed: .*no-such-option", e.Message);
        Assert.False(File.Exists(temp.File("out.mkv")));

        // Another plan in the same folder, run to the end: Ovni's files go, the user's stays.
        await ChunkedEncoder.EncodeAsync(source, temp.File("out.mkv"), Options(work), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(File.Exists(temp.File("out.mkv")));
        Assert.Equal(["notes.txt"], Directory.GetFiles(work).Select(Path.GetFileName));
    }

    [Fact]
    public void Workers_follow_cores_and_memory()
    {
        Assert.Equal(2, WorkerPlanning.Recommend("libsvtav1", 1280, 720, cores: 2, memoryBytes: 16L << 30));
        Assert.Equal(16, WorkerPlanning.Recommend("libx264", 1920, 1080, cores: 16, memoryBytes: 64L << 30));
        Assert.Equal(1, WorkerPlanning.Recommend("libsvtav1", 3840, 2160, cores: 16, memoryBytes: 1L << 30));
        int limited = WorkerPlanning.Recommend("libsvtav1", 3840, 2160, cores: 64, memoryBytes: 8L << 30);
        Assert.InRange(limited, 2, 10);
    }
}
