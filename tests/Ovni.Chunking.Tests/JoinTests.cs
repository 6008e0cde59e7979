using System.Globalization;

namespace Ovni.Chunking.Tests;

/// <summary>Chunk encode + stream-copy join: frame-exact, plays and seeks, audio/subtitles/chapters from the source.</summary>
public class JoinTests
{
    private static readonly VideoEncoderOptions X264 = new() { Encoder = "libx264", Crf = 28, Preset = "veryfast" };

    private static async Task<List<string>> EncodeChunksAsync(string source, VideoTimeline timeline, IReadOnlyList<ChunkSpan> chunks, VideoEncoderOptions encoding, string folder)
    {
        var files = new List<string>();
        foreach (ChunkSpan chunk in chunks)
        {
            string path = Path.Combine(folder, chunk.FileName);
            ChunkRecord record = await ChunkEncoder.EncodeAsync(source, chunk, timeline, encoding, path, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(chunk.FrameCount, record.Frames);
            Assert.Equal(FileChecksum.Sha256(path), record.Sha256);
            files.Add(path);
        }
        return files;
    }

    [Theory]
    [InlineData("libx264", "out.mkv")]  // B-frames: decode and presentation order differ across every chunk border
    [InlineData("libx264", "out.mp4")]
    [InlineData("libsvtav1", "out.mkv")]
    public async Task Joined_chunks_have_the_source_frames_at_the_source_times(string encoder, string outputName)
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame], new ChunkPlanOptions { MaxSeconds = 2.5 });
        var encoding = encoder == "libx264" ? X264 : new VideoEncoderOptions { Encoder = encoder, Crf = 45, Preset = "12" };
        List<string> files = await EncodeChunksAsync(source, timeline, chunks, encoding, temp.Path);

        string output = temp.File(outputName);
        ConcatenationResult result = await ChunkJoin.JoinAsync(source, timeline, files, output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(timeline.Count, result.VideoFrames);

        // Independent check by ffprobe: every frame decodes, at the source's time.
        double[] sourceTimes = FFmpegCli.FrameTimes(source), outputTimes = FFmpegCli.FrameTimes(output);
        Assert.Equal(sourceTimes.Length, outputTimes.Length);
        for (int i = 0; i < sourceTimes.Length; i++) Assert.Equal(sourceTimes[i], outputTimes[i], 3);

        // Audio, chapters and the title come from the source.
        string streams = FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", output);
        // (mp4 stores chapters in a text track of its own, which ffprobe lists as a data stream)
        Assert.Equal(["video", "audio"], streams.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s != "data"));
        string chapters = FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "chapter_tags=title", "-of", "csv=p=0", output);
        Assert.Equal(["Tears of Steel", "Big Buck Bunny", "Static camera"], chapters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Ovni chunking test", FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "format_tags=title", "-of", "csv=p=0", output));
        Assert.Equal(CountAudioPackets(source), CountAudioPackets(output));

        // Seeking into the middle of a later chunk lands on the right frame.
        double at = sourceTimes[150];
        string seek = FFmpegCli.Run("ffprobe", "-v", "error", "-read_intervals", $"{at.ToString(CultureInfo.InvariantCulture)}%+#1",
            "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", output);
        Assert.True(seek.Trim().Length > 0);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.partial*"));
    }

    [Fact]
    public async Task A_lossless_chunk_holds_exactly_the_source_frames_of_its_range()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        var chunk = new ChunkSpan(1, 100, 37, timeline.Timestamps[100], timeline.Timestamps[136]); // starts between two key frames
        string path = temp.File(chunk.FileName);
        await ChunkEncoder.EncodeAsync(source, chunk, timeline, new VideoEncoderOptions { Encoder = "libx264", Qp = 0, Preset = "ultrafast" }, path,
            cancellationToken: TestContext.Current.CancellationToken);
        string[] expected = FrameHashes(source, "select='between(n,100,136)'");
        string[] actual = FrameHashes(path, null);
        Assert.Equal(37, actual.Length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Segments_without_a_timeline_follow_one_another()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [ChunkingInputs.SecondClipFrame], new ChunkPlanOptions());
        List<string> files = await EncodeChunksAsync(source, timeline, chunks, X264, temp.Path);
        string output = temp.File("plain.mkv");
        await MediaConcatenator.ConcatenateAsync(files, output, cancellationToken: TestContext.Current.CancellationToken);
        double[] times = FFmpegCli.FrameTimes(output);
        Assert.Equal(timeline.Count, times.Length);
        for (int i = 1; i < times.Length; i++) Assert.InRange(times[i] - times[i - 1], 0.040, 0.044); // 24 fps throughout, no gap or overlap
    }

    [Fact]
    public async Task Chunks_of_different_encoders_or_a_wrong_count_are_refused_and_nothing_is_written()
    {
        string source = ChunkingInputs.TwoScenes();
        using var temp = new TempDirectory();
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame], new ChunkPlanOptions());
        string a = temp.File("a.mkv"), b = temp.File("b.mkv");
        await ChunkEncoder.EncodeAsync(source, chunks[0], timeline, X264, a, cancellationToken: TestContext.Current.CancellationToken);
        await ChunkEncoder.EncodeAsync(source, chunks[1], timeline, new VideoEncoderOptions { Encoder = "libx265", Crf = 30, Preset = "ultrafast" }, b,
            cancellationToken: TestContext.Current.CancellationToken);
        string output = temp.File("out.mkv");
        var mixed = await Assert.ThrowsAsync<OvniException>(() => MediaConcatenator.ConcatenateAsync([a, b], output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("b.mkv", mixed.Message);
        var missing = await Assert.ThrowsAsync<OvniException>(() => ChunkJoin.JoinAsync(source, timeline, [a], output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("not be frame-exact", missing.Message);
        Assert.False(File.Exists(output));
        Assert.Equal(2, Directory.GetFiles(temp.Path).Length); // only the two chunks: no partial join left
    }

    private static long CountAudioPackets(string path) =>
        long.Parse(FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "a:0", "-count_packets", "-show_entries", "stream=nb_read_packets",
            "-of", "csv=p=0", path).Trim(), CultureInfo.InvariantCulture);

    private static string[] FrameHashes(string path, string? filter)
    {
        var args = new List<string> { "-v", "error", "-i", path, "-map", "0:v:0" };
        if (filter is not null) args.AddRange(["-vf", filter, "-vsync", "passthrough"]);
        args.AddRange(["-f", "framemd5", "-"]);
        return FFmpegCli.Run("ffmpeg", args.ToArray()).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(',')[^1].Trim()).ToArray();
    }
}
