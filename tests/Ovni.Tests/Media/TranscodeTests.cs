using System.Globalization;
using System.Text.RegularExpressions;
using Ovni.Quality;

namespace Ovni.Tests.Media;

public class TranscodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decode_encode_decode_keeps_frame_count_and_timestamps()
    {
        string source = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string output = temp.File("out.mp4");

        TranscodeResult result = await Transcoder.TranscodeAsync(source, output,
            new VideoEncoderOptions { Crf = 23, Preset = "ultrafast" }, cancellationToken: Ct);

        double[] before = FFmpegCli.FrameTimes(source);
        double[] after = FFmpegCli.FrameTimes(output);
        Assert.Equal(before.Length, result.Frames);
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
            Assert.True(Math.Abs(before[i] - after[i]) < 1e-3, $"frame {i}: {before[i]} s became {after[i]} s");
    }

    [Fact]
    public async Task The_encoder_chooses_frame_types_not_the_source()
    {
        // The source is Constrained Baseline (I and P only); x264 veryfast uses B-frames, as with the ffmpeg tool.
        string source = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string output = temp.File("out.mp4");
        await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Preset = "veryfast" }, cancellationToken: Ct);
        string types = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pict_type", "-of", "csv=p=0", output);
        Assert.DoesNotContain("B", FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pict_type", "-of", "csv=p=0", source));
        Assert.Contains("B", types);
    }

    [Fact]
    public async Task Crf18_transcode_keeps_psnr_above_40_dB()
    {
        string source = TestMedia.Require("cockatoo.mp4");
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Crf = 18, Preset = "veryfast" }, cancellationToken: Ct);

        // FFmpeg's own psnr filter is the independent judge. Matroska cannot store negative timestamps, so
        // B-frame delay shifts the whole file (audio too) by a few ms; pair frames from each file's own start.
        string log = FFmpegCli.RunStdErr("ffmpeg", "-hide_banner", "-i", output, "-i", source, "-lavfi",
            "[0:v]setpts=PTS-STARTPTS[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]psnr", "-f", "null", "-");
        Match m = Regex.Match(log, @"PSNR y:(?<y>[0-9.]+|inf)");
        Assert.True(m.Success, log);
        double psnrY = m.Groups["y"].Value == "inf" ? double.PositiveInfinity : double.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        Assert.True(psnrY > 40, $"PSNR-Y {psnrY} dB");
    }

    [Fact]
    public async Task A_full_range_source_converted_for_an_encoder_without_full_range_formats_is_tagged_as_what_it_became()
    {
        // A "j" (full-range) source, encoded by SVT-AV1, which takes only plain formats: the conversion rescales it to limited
        // range, as the ffmpeg tool does, and the stream must say so. It used to keep the source's full-range tag, so players
        // stretched its levels a second time (washed-out blacks and whites).
        using var temp = new TempDirectory();
        string source = temp.File("full.mp4"), output = temp.File("out.mkv"), byFfmpeg = temp.File("ffmpeg.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=1", "-pix_fmt", "yuvj420p",
            "-c:v", "libx264", "-crf", "8", source);
        await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Encoder = "libsvtav1", Crf = 20, Preset = "10" }, cancellationToken: Ct);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", source, "-c:v", "libsvtav1", "-crf", "20", "-preset", "10", byFfmpeg);

        string Describe(string file) => FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=pix_fmt,color_range", "-of", "csv=p=0", file).Trim();
        Assert.Equal("yuvj420p,pc", Describe(source));
        Assert.Equal("yuv420p,tv", Describe(output));
        Assert.Equal(Describe(byFfmpeg), Describe(output));
        QualityResult scored = await QualityScorer.ScoreFilesAsync(source, output, new QualityOptions(), cancellationToken: Ct);
        Assert.True(scored.Vmaf.Mean > 95, $"VMAF {scored.Vmaf.Mean:0.00}");
    }

    [Fact]
    public async Task Audio_and_subtitle_streams_survive()
    {
        string source = TestMedia.Require("sample_with_srt.mkv");
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Preset = "ultrafast" }, cancellationToken: Ct);

        MediaInfo info = MediaReader.Probe(output);
        Assert.Equal("ac3", Assert.Single(info.AudioStreams).Codec);
        Assert.Equal("subrip", Assert.Single(info.SubtitleStreams).Codec);
        // The copied audio keeps its timing and ends with the video (the source's audio runs 70 ms longer): the source's
        // packets whose middle lies before the last frame's end (this file declares 1 ms frames; they show for 1/29.97 s).
        double videoEnd = FFmpegCli.FrameTimes(source).Max() + 1 / 29.97;
        Assert.Equal(PacketTimes(source, "a:0", videoEnd), PacketTimes(output, "a:0"));
        Assert.Equal(PacketTimes(source, "s:0"), PacketTimes(output, "s:0"));
    }

    [Fact]
    public async Task Ten_bit_hdr_input_stays_ten_bit_hdr_with_x265()
    {
        string source = TestMedia.Require("hdr10-video-with-sdr-container.mp4");
        using var temp = new TempDirectory();
        string output = temp.File("out.mp4");
        await Transcoder.TranscodeAsync(source, output,
            new VideoEncoderOptions { Encoder = "libx265", Crf = 28, Preset = "ultrafast", ExtraOptions = new Dictionary<string, string> { ["x265-params"] = "log-level=error" } },
            cancellationToken: Ct);

        VideoStreamInfo video = MediaReader.Probe(output).Video!;
        Assert.Equal("hevc", video.Codec);
        Assert.Equal(10, video.BitDepth);
        Assert.Equal(PixelFormat.Yuv420P10, video.PixelFormat);
        Assert.Equal(9, video.Color.Primaries);
        Assert.Equal(16, video.Color.Transfer);
        Assert.Equal(9, video.Color.Matrix);
    }

    [Fact]
    public async Task Cancellation_leaves_nothing_at_the_destination()
    {
        string source = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        using var temp = new TempDirectory();
        string output = temp.File("out.mp4");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new SynchronousProgress<PipelineProgress>(p => { if (p.Frames > 20) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Transcoder.TranscodeAsync(source, output,
            new VideoEncoderOptions { Preset = "ultrafast" }, new MediaWriterOptions { Audio = new AudioEncoderOptions() }, progress: progress, cancellationToken: cts.Token));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    private static string PacketTimes(string path, string stream, double before = double.MaxValue)
    {
        string csv = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", path);
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(','))
            .Where(p => double.Parse(p[0], CultureInfo.InvariantCulture) + double.Parse(p[1], CultureInfo.InvariantCulture) / 2 < before)
            .Select(p => p[0]).ToArray();
        return $"{lines.Length} packets, {lines.FirstOrDefault()} .. {lines.LastOrDefault()}";
    }
}
