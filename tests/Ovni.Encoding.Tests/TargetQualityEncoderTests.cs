// `ovni encode` as a library call, end to end on real footage: search, full encode, full and sampled verification, the
// corrective encode after a miss, publishing only a verified file (nothing at the output on refusal or cancellation), the
// size limit, 10-bit output for a 10-bit source, and audio, subtitles and chapters carried over. x264/x265 ultrafast and
// short samples keep it fast enough for CI; the searches share one cache, so most tests encode no probe.
using Ovni.Encoding;
using Ovni.Quality;

namespace Ovni.Encoding.Tests;

public sealed class TargetQualityEncoderTests : IClassFixture<TargetQualityEncoderTests.SharedCache>, IDisposable
{
    private const double Target = 93;
    private readonly TempDirectory _temp = new();
    private readonly SharedCache _cache;

    public TargetQualityEncoderTests(SharedCache cache) => _cache = cache;

    public void Dispose() => _temp.Dispose();

    /// <summary>One probe cache for the whole class: the same search is answered from it after the first test.</summary>
    public sealed class SharedCache : IDisposable
    {
        private readonly TempDirectory _folder = new();

        public string Path => _folder.File("probes.sqlite");

        public void Dispose() => _folder.Dispose();
    }

    private static VmafModelCatalog Models => VmafModelCatalog.FromDirectory(System.IO.Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!);

    private TargetQualityEncodeOptions Options(VerifyMode verify = VerifyMode.Full, string encoder = "libx264", double target = Target) => new()
    {
        Verify = verify,
        Search = new TargetQualityOptions
        {
            TargetVmaf = target, Encoder = encoder, Preset = "ultrafast", SampleCount = 3, SampleDuration = TimeSpan.FromSeconds(0.5),
            Placement = SamplePlacement.KeyFrames, Models = Models, CachePath = _cache.Path,
        },
    };

    private static void AssertInWindow(double measured, double target) =>
        Assert.True(measured >= target - 0.25 && measured <= target + 1.0, $"measured VMAF {measured:0.000} is outside {target - 0.25} … {target + 1}");

    // The output folder holds the published file and nothing else (no hidden attempts, no partial files).
    private void AssertOnly(params string[] names) =>
        Assert.Equal(names.Order(), Directory.GetFileSystemEntries(_temp.Path).Select(System.IO.Path.GetFileName).Where(n => n != "probes.sqlite").Order()!);

    [Fact]
    public async Task A_full_encode_is_verified_on_every_frame_and_published_within_the_window()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        string output = _temp.File("out.mp4");
        TargetQualityEncodeResult result = await TargetQualityEncoder.EncodeAsync(clip, output, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TargetQualityOutcome.Published, result.Outcome);
        Assert.Equal(output, result.Output);
        Assert.InRange(result.Attempts.Count, 1, 2);
        Assert.NotNull(result.Final);
        AssertInWindow(result.Final.MeasuredVmaf, Target);
        Assert.Equal(new FileInfo(output).Length, result.Final.Bytes);
        // The verification is the full file's VMAF, as an independent scoring of the published file gives it.
        QualityResult full = await QualityScorer.ScoreFilesAsync(clip, output, new QualityOptions { Model = Models.For(1280, 720), Metrics = QualityMetrics.Vmaf },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(FFmpegCli.CountFrames(clip), full.Frames.Count);
        Assert.Equal(full.Vmaf.Mean, result.Final.MeasuredVmaf, 6);
        MediaInfo info = MediaReader.Probe(output);
        Assert.Single(info.AudioStreams);
        Assert.Equal("h264", info.Video!.Codec);
        AssertOnly("out.mp4");
    }

    [Fact]
    public async Task Sampled_verification_scores_a_few_percent_of_the_frames_and_agrees_with_the_full_score()
    {
        // 25 s of Tears of Steel (several cuts, action and faces) as the source, and an ordinary encode of it.
        string source = _temp.File("tears.mp4"), encoded = _temp.File("tears-crf32.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", TestMedia.Require("tears-of-steel-battle-clip-medium.webm"), "-frames:v", "600", "-an",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "14", source);
        await Transcoder.TranscodeAsync(source, encoded, new VideoEncoderOptions { Encoder = "libx264", Preset = "ultrafast", Crf = 32 },
            cancellationToken: TestContext.Current.CancellationToken);
        VmafModel model = Models.For(800, 332);
        IReadOnlyList<double> full = await TargetQualityEncoder.MeasureFramesAsync(source, encoded, model, VerifyMode.Full, TestContext.Current.CancellationToken);
        IReadOnlyList<double> sampled = await TargetQualityEncoder.MeasureFramesAsync(source, encoded, model, VerifyMode.Sampled, TestContext.Current.CancellationToken);

        Assert.Equal(600, full.Count);
        // Every sampled frame is one of the full run's frames, scored the same (motion included: the frames around each window are read).
        Assert.All(sampled, s => Assert.Contains(full, f => Math.Abs(f - s) < 1e-6));
        (int windows, int length) = TargetQualityEncoder.SampledWindows(600);
        Assert.InRange(sampled.Count, windows * (length - 1), windows * length);
        Assert.InRange(sampled.Count, 30, 70); // about 8 % of the frames
        Assert.InRange(sampled.Average() - full.Average(), -1.0, 1.0);
        Assert.True(full.Max() - full.Min() > 5, "the clip should vary enough for sampling to matter");
    }

    [Theory]
    [InlineData(2.5)]   // the first encode comes out 2-4 VMAF below the target (ab-av1's users report misses of 1.5-2.7)
    [InlineData(-2.5)]  // as far above it (wasting bytes)
    public async Task A_missed_first_encode_is_corrected_once_and_both_attempts_are_recorded(double offset)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        string output = _temp.File("out.mkv");
        TargetQualityEncodeResult result = await TargetQualityEncoder.EncodeAsync(clip, output, Options() with { FirstCrfOffset = offset },
            cancellationToken: TestContext.Current.CancellationToken);

        string story = $"probes {string.Join(", ", result.Search.Probes.Select(p => $"{p.Crf}:{p.Vmaf:0.00}"))}; attempts {string.Join(", ", result.Attempts.Select(a => $"{a.Crf}:{a.MeasuredVmaf:0.00}"))}";
        Assert.True(result.Attempts.Count == 2, story);
        EncodeAttempt first = result.Attempts[0], second = result.Attempts[1];
        Assert.Equal(result.Search.Crf + offset, first.Crf);
        if (offset > 0) Assert.True(first.MeasuredVmaf < Target - 0.25, $"first {first.MeasuredVmaf}");
        else Assert.True(first.MeasuredVmaf > Target + 1, $"first {first.MeasuredVmaf}");
        Assert.True(offset > 0 ? second.Crf < first.Crf : second.Crf > first.Crf, $"corrected {first.Crf} -> {second.Crf}");
        Assert.True(second.MeasuredVmaf >= Target - 0.25 && second.MeasuredVmaf <= Target + 1.0, story);
        Assert.Equal(TargetQualityOutcome.Published, result.Outcome);
        Assert.Equal(second, result.Final);
        Assert.Equal(second.Bytes, new FileInfo(output).Length);
        AssertOnly("out.mkv");
    }

    [Theory]
    [InlineData("encode")]
    [InlineData("verify")]
    public async Task Nothing_is_published_when_cancelled(string phase)
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        string output = _temp.File("out.mp4");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress<TargetQualityProgress>(p => { if (p.Phase == phase) cts.CancelAfter(phase == "encode" ? 300 : 0); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TargetQualityEncoder.EncodeAsync(clip, output, Options(), progress, cts.Token));
        Assert.False(File.Exists(output));
        AssertOnly();
    }

    [Fact]
    public async Task An_output_above_the_size_limit_is_refused_and_nothing_is_published()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        string output = _temp.File("out.mp4");
        TargetQualityEncodeResult result = await TargetQualityEncoder.EncodeAsync(clip, output, Options() with { MaxSizePercent = 1 },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TargetQualityOutcome.TooLarge, result.Outcome);
        Assert.Null(result.Output);
        Assert.Null(result.Final);
        Assert.NotEmpty(result.Attempts);
        Assert.All(result.Attempts, a => Assert.True(a.Bytes > result.SourceBytes / 100));
        Assert.False(File.Exists(output));
        AssertOnly();
    }

    [Fact]
    public async Task A_10_bit_source_gives_a_10_bit_output_with_its_colour_tags()
    {
        string clip = TestMedia.Require("hdr10-video-with-sdr-container.mp4");
        string output = _temp.File("hdr.mkv");
        TargetQualityEncodeResult result = await TargetQualityEncoder.EncodeAsync(clip, output, Options(encoder: "libx265", target: 90) with { MaxSizePercent = 400 },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TargetQualityOutcome.Published, result.Outcome);
        Assert.Equal(SamplePlacement.WholeFile, result.Search.Placement); // one second: the whole file is the sample
        VideoStreamInfo source = MediaReader.Probe(clip).Video!, encoded = MediaReader.Probe(output).Video!;
        Assert.Equal(10, source.BitDepth);
        Assert.Equal(10, encoded.BitDepth);
        Assert.Equal("hevc", encoded.Codec);
        Assert.Equal(source.Color.PrimariesName, encoded.Color.PrimariesName); // bt2020
        Assert.Equal(source.Color.TransferName, encoded.Color.TransferName);   // smpte2084 (PQ)
        Assert.Equal(source.Color.MatrixName, encoded.Color.MatrixName);
        Assert.True(encoded.Color.IsHdr);
        Assert.Single(MediaReader.Probe(output).AudioStreams);
    }

    [Fact]
    public async Task Audio_subtitles_and_chapters_are_kept()
    {
        string clip = TestMedia.Require("sample_with_srt.mkv");
        string chaptered = _temp.File("chaptered.mkv"), metadata = _temp.File("chapters.txt");
        File.WriteAllText(metadata, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=600\ntitle=Hello\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=600\nEND=1200\ntitle=Goodbye\n");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-i", metadata, "-map", "0", "-map_chapters", "1", "-c", "copy", chaptered);
        string output = _temp.File("out.mkv");
        TargetQualityEncodeResult result = await TargetQualityEncoder.EncodeAsync(chaptered, output, Options(target: 90) with { MaxSizePercent = 400 },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TargetQualityOutcome.Published, result.Outcome);
        Assert.Empty(result.SkippedStreams);
        MediaInfo info = MediaReader.Probe(output);
        Assert.Equal("ac3", Assert.Single(info.AudioStreams).Codec);
        Assert.Equal("subrip", Assert.Single(info.SubtitleStreams).Codec);
        string chapters = FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "chapter=start_time,end_time:chapter_tags=title", "-of", "csv=p=0", output);
        Assert.Equal(["0.000000,0.600000,Hello", "0.600000,1.200000,Goodbye"], chapters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
