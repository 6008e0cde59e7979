using System.Text.Json;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 12, item 5: a file with flipped bits in its media data transcoded with exit 0 and an empty stderr; many damaged
/// files came out shorter without a word; a truncated MKV/WebM "succeeded" shorter while a truncated MP4 failed.
/// </summary>
public class DamageReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A 2-second 320x180 H.264 clip (B-frames, 25 fps), in the container the extension names.</summary>
    private static string Clip(TempDirectory temp, string name, params string[] extra)
    {
        string path = temp.File(name);
        var args = new List<string> { "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2", "-pix_fmt", "yuv420p" };
        args.AddRange(extra.Length > 0 ? extra : ["-c:v", "libx264", "-preset", "veryfast", "-g", "25"]);
        args.Add(path);
        FFmpegCli.Run("ffmpeg", [.. args]);
        return path;
    }

    /// <summary>Flips bytes in the second half of the file, where media data lies (not the header).</summary>
    private static string FlipBits(string source, string target, int count)
    {
        byte[] bytes = File.ReadAllBytes(source);
        var random = new Random(12);
        for (int i = 0; i < count; i++) bytes[random.Next(bytes.Length / 2, bytes.Length - 64)] ^= 0x5a;
        File.WriteAllBytes(target, bytes);
        return target;
    }

    private static string Truncate(string source, string target, double keep)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes[..(int)(bytes.Length * keep)]);
        return target;
    }

    private static async Task<DecodeReport> DecodeAll(string path, bool strict = false)
    {
        await using MediaReader reader = MediaReader.Open(path, new MediaReaderOptions { Strict = strict });
        await foreach (GpuFrame frame in reader.ReadFramesAsync(Ct)) frame.Dispose();
        return reader.GetDecodeReport();
    }

    [Fact]
    public async Task A_clean_file_reports_clean()
    {
        using var temp = new TempDirectory();
        DecodeReport report = await DecodeAll(Clip(temp, "clean.mp4"));
        Assert.True(report.IsClean, report.Describe());
        Assert.Equal(50, report.FramesDecoded);
        Assert.Equal(50, report.FramesAnnounced);
        Assert.True(report.ReachedEnd);
    }

    [Fact]
    public async Task Flipped_bits_are_counted_with_their_first_timestamps()
    {
        using var temp = new TempDirectory();
        string damaged = FlipBits(Clip(temp, "clean.mp4"), temp.File("damaged.mp4"), 30);
        DecodeReport report = await DecodeAll(damaged);
        Assert.False(report.IsClean);
        Assert.True(report.ErrorCount > 0);
        Assert.NotEmpty(report.Errors);
        Assert.All(report.Errors, e => Assert.InRange(e.Position!.Value.TotalSeconds, 0.0, 2.1));
        Assert.Contains(report.Errors, e => e.Message.StartsWith("h264: ", StringComparison.Ordinal)); // FFmpeg's own words
        Assert.Contains("decode error", report.Describe());
    }

    [Fact]
    public async Task Every_packet_the_decoder_refuses_is_an_error_of_its_own()
    {
        // The shared Sintel clip has two AV1 frames in a row that dav1d refuses (no picture for either). They used to be
        // counted with the next picture as one damaged picture: "1 decode error" for two frames lost.
        using var temp = new TempDirectory();
        string cut = temp.File("cut.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-ss", "6.5", "-i", TestMedia.Require("sintel_1080_10s_av1.mp4"), "-t", "1.6", "-an", "-c", "copy", cut);
        DecodeReport report = await DecodeAll(cut);
        Assert.Equal(VideoTimeline.Read(cut, Ct).Count - 2, report.FramesDecoded);
        Assert.Equal(2, report.ErrorCount);
        Assert.Equal(2, report.Errors.Count(e => e.Message.Contains("refused a packet", StringComparison.Ordinal)));
        Assert.Contains("2 decode errors", report.Describe());
    }

    [Fact]
    public async Task Transcode_of_a_damaged_file_warns_in_the_result_and_in_json()
    {
        using var temp = new TempDirectory();
        string damaged = FlipBits(Clip(temp, "clean.mp4"), temp.File("damaged.mp4"), 30);
        TranscodeResult result = await Transcoder.TranscodeAsync(damaged, temp.File("out.mkv"), new VideoEncoderOptions { Preset = "ultrafast" }, cancellationToken: Ct);
        Assert.NotNull(result.Input);
        Assert.True(result.Input.ErrorCount > 0);
        Assert.NotEmpty(result.Warnings);

        var (code, stdout, stderr) = OvniCli.Run(null, "transcode", damaged, temp.File("cli.mkv"), "--preset", "ultrafast", "--json");
        Assert.Equal(0, code);
        Assert.Contains("ovni: warning: ", stderr);
        Assert.Contains("decode error", stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("decode_errors").GetInt32() > 0);
        Assert.True(json.RootElement.GetProperty("first_decode_errors")[0].GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Strict_fails_at_the_first_decode_error_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        string damaged = FlipBits(Clip(temp, "clean.mp4"), temp.File("damaged.mp4"), 30);
        var e = await Assert.ThrowsAsync<DamagedMediaException>(() => DecodeAll(damaged, strict: true));
        Assert.Equal(damaged, e.FilePath);
        Assert.True(e.Report.ErrorCount > 0);

        var (code, _, stderr) = OvniCli.Run(null, "transcode", damaged, temp.File("strict.mkv"), "--preset", "ultrafast", "--strict", "--json");
        Assert.Equal(1, code);
        Assert.StartsWith($"ovni: error: '{damaged}' is damaged", stderr);
        Assert.Contains($"Nothing was written to '{temp.File("strict.mkv")}'", stderr);
        Assert.False(File.Exists(temp.File("strict.mkv")));
    }

    [Theory]
    [InlineData("clip.mkv")]
    [InlineData("clip.webm")]
    [InlineData("clip.mp4")]   // index at the front, so the truncated file still opens
    public async Task A_truncated_file_is_reported_as_truncated(string name)
    {
        using var temp = new TempDirectory();
        string[] encoder = name.EndsWith(".webm", StringComparison.Ordinal)
            ? ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "400k"]
            : ["-c:v", "libx264", "-preset", "veryfast", "-movflags", "+faststart"];
        string clip = Clip(temp, name, encoder);
        string truncated = Truncate(clip, temp.File("cut-" + name), 0.6);
        DecodeReport report = await DecodeAll(truncated);
        Assert.True(report.EndedEarly, report.Describe());
        Assert.Contains("truncated", report.Describe());
        Assert.True(report.FramesDecoded < 50);

        TranscodeResult result = await Transcoder.TranscodeAsync(truncated, temp.File("out.mkv"), new VideoEncoderOptions { Preset = "ultrafast" }, cancellationToken: Ct);
        Assert.True(result.FewerFramesThanAnnounced || !report.FrameCountIsExact, $"{result.Frames} frames written");
        Assert.Contains(result.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));

        await Assert.ThrowsAsync<DamagedMediaException>(() => DecodeAll(truncated, strict: true));
    }

    [Fact]
    public async Task Fewer_frames_than_announced_is_said()
    {
        using var temp = new TempDirectory();
        string clip = Clip(temp, "clean.mp4");
        // The container says 50 frames; the transform drops every other one.
        TranscodeResult result = await Transcoder.TranscodeAsync(clip, temp.File("out.mp4"), new VideoEncoderOptions { Preset = "ultrafast" },
            transform: frames => Drop(frames), cancellationToken: Ct);
        Assert.Equal(25, result.Frames);
        Assert.True(result.FewerFramesThanAnnounced);
        Assert.Contains(result.Warnings, w => w.Contains("holds 25 frames", StringComparison.Ordinal) && w.Contains("announced 50", StringComparison.Ordinal));

        static async IAsyncEnumerable<GpuFrame> Drop(IAsyncEnumerable<GpuFrame> frames)
        {
            int i = 0;
            await foreach (GpuFrame frame in frames)
                if (i++ % 2 == 0) yield return frame;
                else frame.Dispose();
        }
    }

    [Theory]
    [InlineData("cockatoo.mp4")]
    [InlineData("internal_emulator_transformer_output.mp4")]
    [InlineData("sample_with_srt.mkv")]
    [InlineData("tears-of-steel-battle-clip-medium.webm")]
    [InlineData("portrait_4k60.mp4")]
    [InlineData("hdr10-video-with-sdr-container.mp4")]
    [InlineData("big_buck_bunny_60s_360p.mp4")]
    public async Task Real_footage_that_plays_cleanly_reports_clean(string clip)
    {
        DecodeReport report = await DecodeAll(TestMedia.Require(clip));
        Assert.True(report.IsClean, report.Describe());
    }

    [Fact]
    public async Task Real_footage_with_undecodable_frames_reports_them()
    {
        // The MANIFEST says so: the first 2 of 300 frames fail to decode (the stream starts mid-GOP).
        DecodeReport report = await DecodeAll(TestMedia.Require("sintel_1080_10s_av1.mp4"));
        Assert.Equal(298, report.FramesDecoded);
        Assert.Equal(300, report.FramesAnnounced);
        Assert.Equal(2, report.MissingFrames);
        Assert.False(report.IsClean);
    }
}
