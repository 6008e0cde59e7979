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
    public async Task Missing_file_is_an_OvniException_naming_it()
    {
        var e = await Assert.ThrowsAsync<OvniException>(() => QualityScorer.ScoreFilesAsync("/nonexistent/ref.mkv", "/nonexistent/dist.mp4",
            new QualityOptions(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/ref.mkv", e.Message);
    }
}
