// Scoring media files end to end (Ovni's own decoding and bicubic scaling), against libvmaf's reference scores.
using System.Text.Json;

namespace Ovni.Quality.Tests;

public class FileScoringTests
{
    [Theory]
    [InlineData("city_404p25__x264_crf23")]
    [InlineData("city_404p25__scale_half_bilinear_up_bicubic")] // distorted at half size: Ovni scales it up itself
    [InlineData("geq10_720p24__x264_crf35")]                     // 10-bit
    public async Task Scoring_the_files_matches_libvmaf(string name)
    {
        DatasetCase c = DatasetCase.Load(name);
        string distorted = new[] { "dist.mp4", "dist_half.mkv" }.Select(f => Path.Combine(c.Directory, f)).First(File.Exists);
        var options = new QualityOptions { Model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json")) };

        QualityResult result = await QualityScorer.ScoreFilesAsync(c.ReferencePath, distorted, options, cancellationToken: TestContext.Current.CancellationToken);

        using JsonDocument libvmaf = c.LoadLibvmafJson();
        JsonElement frames = libvmaf.RootElement.GetProperty("frames");
        Assert.Equal(frames.GetArrayLength(), result.Frames.Count);
        Assert.False(result.FrameCountMismatch);
        for (int i = 0; i < result.Frames.Count; i++)
        {
            double expected = frames[i].GetProperty("metrics").GetProperty("vmaf").GetDouble();
            Assert.True(Math.Abs(expected - result.Frames[i].Vmaf) <= 0.001, $"frame {i}: libvmaf {expected}, Ovni {result.Frames[i].Vmaf}");
        }
        double pooled = libvmaf.RootElement.GetProperty("pooled_metrics").GetProperty("vmaf").GetProperty("mean").GetDouble();
        Assert.Equal(pooled, result.Vmaf.Mean, 0.001);
    }

    [Fact]
    public async Task Different_lengths_are_scored_up_to_the_shorter_and_flagged()
    {
        DatasetCase c = DatasetCase.Load("city_404p25__x264_crf28");
        var options = new QualityOptions { Metrics = QualityMetrics.Psnr };
        // Offset by 5 frames: the distorted stream then has 70 frames to pair with the reference's 75.
        QualityResult result = await QualityScorer.ScoreFilesAsync(c.ReferencePath, Path.Combine(c.Directory, "dist.mp4"), options,
            distortedOffset: 5, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(70, result.Frames.Count);
        Assert.True(result.FrameCountMismatch);
    }

    [Fact]
    public async Task Full_range_pictures_are_compared_in_their_own_code_values_whichever_way_the_range_is_tagged()
    {
        // The same full-range pictures reach the scorer tagged two ways: a plain format marked full range (FFV1, AV1 and many
        // decoders) and a "j" format (FFmpeg's H.264 decoder). Converting only the "j" side squeezed it to limited range:
        // x264 at CRF 18 scored PSNR-Y 29.7 and VMAF 65 against its own source (the shared Sintel clip: 76).
        using var temp = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        string reference = temp.File("full.mkv"), tagged = temp.File("x264-full.mkv"), limited = temp.File("limited.mkv"), expanded = temp.File("x264-expanded.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=1", "-pix_fmt", "yuv420p", "-color_range", "pc", "-c:v", "ffv1", reference);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", reference, "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", tagged);
        // A limited-range source whose encode was expanded to full range on the way: that "j" side is brought back.
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=1", "-pix_fmt", "yuv420p", "-color_range", "tv", "-c:v", "ffv1", limited);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", limited, "-pix_fmt", "yuvj420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", expanded);
        var options = new QualityOptions { Metrics = QualityMetrics.Vmaf | QualityMetrics.Psnr };

        QualityResult full = await QualityScorer.ScoreFilesAsync(reference, tagged, options, cancellationToken: ct);
        QualityResult squeezed = await QualityScorer.ScoreFilesAsync(limited, expanded, options, cancellationToken: ct);

        await using (MediaReader decoded = MediaReader.Open(tagged))
        using (GpuFrame first = decoded.ReadFrame()!)
            Assert.Equal(PixelFormat.Yuvj420P, first.Format); // the case the scorer must take as it is
        foreach (QualityResult r in new[] { full, squeezed })
        {
            double psnr = r.Frames.Average(f => f.PsnrY);
            Assert.True(psnr > 40 && r.Vmaf.Mean > 90, $"PSNR-Y {psnr:0.0}, VMAF {r.Vmaf.Mean:0.0}");
        }
    }

    [Fact]
    public async Task Missing_file_is_an_OvniException_naming_it()
    {
        var e = await Assert.ThrowsAsync<OvniException>(() => QualityScorer.ScoreFilesAsync("/nonexistent/ref.mkv", "/nonexistent/dist.mp4",
            new QualityOptions(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/ref.mkv", e.Message);
    }
}
