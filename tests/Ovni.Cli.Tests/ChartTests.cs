// Why: the tool's charts are files a user opens; each must be a PNG of the size asked for with the data where the axes
// say it is. The positions come from ScottPlot's own mapping of the render, the colours from the decoded file, so a chart
// that drew nothing, drew it elsewhere or wrote another size fails.
using Ovni.Cli.Commands;
using Ovni.Encoding;
using Ovni.Encoding.Ladder;
using Ovni.Quality;
using Ovni.Scenes;
using ScottPlot;
using ScottPlot.Plottables;

namespace Ovni.Cli.Tests;

public sealed class ChartTests
{
    private static QualityResult Scores(int frames)
    {
        var scores = Enumerable.Range(0, frames).Select(i => new QualityFrameScores
        {
            FrameNumber = i, Vmaf = 50 + 40 * Math.Sin(i / 8.0), PsnrY = 35 + 5 * Math.Cos(i / 6.0),
            PsnrCb = double.NaN, PsnrCr = double.NaN, Ssim = double.NaN, Adm2 = double.NaN, Motion = double.NaN, Motion2 = double.NaN,
            VifScale0 = double.NaN, VifScale1 = double.NaN, VifScale2 = double.NaN, VifScale3 = double.NaN,
        }).ToArray();
        return new QualityResult
        {
            Frames = scores,
            Pooled = new Dictionary<string, PooledScore> { ["vmaf"] = PooledScore.From(scores.Select(f => f.Vmaf).ToArray()) },
        };
    }

    [Fact]
    public void Vmaf_chart_draws_vmaf_on_the_left_axis_and_psnr_on_the_right()
    {
        using var temp = new TempDirectory();
        QualityResult result = Scores(50);
        Plot plot = CliCharts.Vmaf(result);
        CliCharts.Save(plot, temp.File("vmaf.png"), 800, 400);

        using var image = ChartImage.Open(temp.File("vmaf.png"), 800, 400);
        int[] sampled = [0, 10, 20, 30, 40, 49];
        image.AssertSeriesDrawn(plot, sampled.Select(i => (double)i).ToArray(), sampled.Select(i => result.Frames[i].Vmaf).ToArray(), CliCharts.VmafColor);
        image.AssertSeriesDrawn(plot, sampled.Select(i => (double)i).ToArray(), sampled.Select(i => result.Frames[i].PsnrY).ToArray(),
            CliCharts.PsnrColor, plot.Axes.Right);
        // Not drawn where the data is not: frame 20's VMAF is 73.9, nothing blue at 26.1 in that column.
        double vmaf20 = result.Frames[20].Vmaf;
        Assert.False(image.HasColorNear(plot.GetPixel(new Coordinates(20, 100 - vmaf20)), CliCharts.VmafColor, radius: 1));
    }

    [Fact]
    public void Vmaf_chart_as_the_vmaf_command_writes_it_has_the_default_size_and_skips_missing_scores()
    {
        using var temp = new TempDirectory();
        QualityResult result = Scores(30);
        // Frames 10-19 without VMAF (e.g. a PSNR-only pass): no line may be drawn to an axis edge for them.
        result = result with { Frames = result.Frames.Select(f => f.FrameNumber is >= 10 and < 20 ? f with { Vmaf = double.NaN } : f).ToArray() };
        result.WritePlot(temp.File("default.png"));
        using var image = ChartImage.Open(temp.File("default.png"), 1200, 500);

        Plot plot = CliCharts.Vmaf(result);
        CliCharts.Save(plot, temp.File("again.png"));
        Assert.Equal(File.ReadAllBytes(temp.File("default.png")), File.ReadAllBytes(temp.File("again.png")));
        image.AssertSeriesDrawn(plot, [0, 9, 20, 29], [result.Frames[0].Vmaf, result.Frames[9].Vmaf, result.Frames[20].Vmaf, result.Frames[29].Vmaf],
            CliCharts.VmafColor);
        Assert.False(image.HasColorNear(plot.GetPixel(new Coordinates(15, 0)), CliCharts.VmafColor, radius: 1));
    }

    [Fact]
    public void Scene_chart_draws_the_differences_and_marks_cuts_and_fades()
    {
        using var temp = new TempDirectory();
        const int frames = 100;
        var times = Enumerable.Range(0, frames).Select(i => TimeSpan.FromSeconds(i / 25.0)).ToArray();
        float[] differences = Enumerable.Range(0, frames).Select(i => i == 40 ? 60f : i is >= 66 and <= 72 ? 12f : 2f + (i % 5)).ToArray();
        var result = new SceneDetectionResult
        {
            Cuts = [new SceneCut(40, times[40], SceneCutKind.Cut, 20), new SceneCut(70, times[70], SceneCutKind.Fade, 4)],
            Scenes = [new Scene(0, 0, 40, TimeSpan.Zero, times[40]), new Scene(1, 40, 30, times[40], times[70] - times[40]),
                      new Scene(2, 70, 30, times[70], TimeSpan.FromSeconds(30 / 25.0))],
            FrameCount = frames, Duration = TimeSpan.FromSeconds(4), Differences = differences,
            MeanLuma = Enumerable.Repeat(100f, frames).ToArray(), FrameTimes = times,
        };
        Plot plot = CliCharts.Scenes(result, "clip.mkv");
        CliCharts.Save(plot, temp.File("scenes.png"));

        using var image = ChartImage.Open(temp.File("scenes.png"), 1200, 500);
        Scatter line = plot.GetPlottables<Scatter>().Single();
        int[] sampled = [0, 13, 38, 55, 68, 99]; // not 40: the cut marker is drawn over its spike
        image.AssertSeriesDrawn(plot, sampled.Select(i => times[i].TotalSeconds).ToArray(), sampled.Select(i => (double)differences[i]).ToArray(), line.Color);
        Pixel cut = plot.GetPixel(new Coordinates(times[40].TotalSeconds, 30));
        // The cut marker is red at 60 % over the white plot area; the fade marker orange (dashed, so only its colour is checked).
        Assert.True(image.HasColorNear(cut, new Color(255, 102, 102)), "no red cut marker at 1.6 s");
        Assert.False(image.HasColorNear(plot.GetPixel(new Coordinates(times[20].TotalSeconds, 30)), new Color(255, 102, 102)), "a red marker where no cut is");
    }

    [Fact]
    public void Crf_chart_draws_the_probes_vmaf_and_predicted_size()
    {
        using var temp = new TempDirectory();
        CrfProbe[] probes = [new(20, 97.1, 900_000, 9_000_000, 1, false), new(26, 94.2, 500_000, 5_000_000, 1, false), new(32, 89.5, 280_000, 2_800_000, 1, true)];
        var result = new TargetQualityResult
        {
            Input = "/videos/clip.mkv", TargetVmaf = 93, Reachable = true, Crf = 27.4, PredictedVmaf = 93, PredictedBytes = 4_200_000,
            PredictedSizePercent = 40, PredictedEncodeTime = TimeSpan.FromSeconds(10), Probes = probes, Placement = default,
            SampleCount = 3, SampleFrames = 120, Interpolation = "pchip", Elapsed = TimeSpan.FromSeconds(5), Encoder = "libx264", Preset = "medium",
        };
        Plot plot = CliCharts.CrfCurve(result, [new EncodeAttempt(27.4, 93.3, 4_100_000, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(3))]);
        CliCharts.Save(plot, temp.File("crf.png"));

        using var image = ChartImage.Open(temp.File("crf.png"), 1200, 500);
        Scatter[] series = plot.GetPlottables<Scatter>().ToArray();
        image.AssertSeriesDrawn(plot, probes.Select(p => p.Crf).ToArray(), probes.Select(p => p.Vmaf).ToArray(), series[0].Color);
        image.AssertSeriesDrawn(plot, probes.Select(p => p.Crf).ToArray(), probes.Select(p => p.PredictedBytes / 1e6).ToArray(), series[1].Color, plot.Axes.Right);
    }

    [Fact]
    public void Ladder_chart_draws_each_rung_where_its_rate_and_vmaf_put_it()
    {
        using var temp = new TempDirectory();
        LadderPoint[] points = [new(22, 3_000_000, 2_400_000, 96.5, TimeSpan.FromSeconds(3), 240, null),
                                new(30, 1_200_000, 960_000, 91.0, TimeSpan.FromSeconds(2), 240, null),
                                new(38, 500_000, 400_000, 80.2, TimeSpan.FromSeconds(1), 240, null)];
        LadderPlot.Write(points, "x264", "clip.mkv", temp.File("ladder.png"));
        using var image = ChartImage.Open(temp.File("ladder.png"), 900, 560);

        ScottPlot.Plot plot = LadderPlot.Build(points, "x264", "clip.mkv");
        CliCharts.Save(plot, temp.File("again.png"), 900, 560);
        Assert.Equal(File.ReadAllBytes(temp.File("ladder.png")), File.ReadAllBytes(temp.File("again.png")));
        image.AssertSeriesDrawn(plot, points.Select(p => p.BitRate / 1000.0).ToArray(), points.Select(p => p.Vmaf!.Value).ToArray(),
            plot.GetPlottables<Scatter>().Single().Color);
    }

    [Fact]
    public void A_chart_that_cannot_be_written_is_an_ovni_error_naming_the_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("missing-folder/vmaf.png");
        var error = Assert.ThrowsAny<OvniException>(() => Scores(10).WritePlot(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Ovni_vmaf_plot_writes_the_per_frame_chart_of_the_comparison()
    {
        using var temp = new TempDirectory();
        string reference = temp.File("ref.mkv"), distorted = temp.File("dist.mkv"), png = temp.File("vmaf.png");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-c:v", "ffv1", reference);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", reference, "-c:v", "libx264", "-crf", "40", "-preset", "ultrafast", distorted);

        var (code, _, stderr) = OvniCli.Run(null, "vmaf", reference, distorted, "--plot", png);
        Assert.True(code == 0, stderr);
        using var image = ChartImage.Open(png, 1200, 500);
        int blue = 0, orange = 0;
        for (int y = 0; y < 500; y += 2)
        for (int x = 0; x < 1200; x += 2)
        {
            if (image.HasColorNear(new Pixel(x, y), CliCharts.VmafColor, radius: 0)) blue++;
            if (image.HasColorNear(new Pixel(x, y), CliCharts.PsnrColor, radius: 0)) orange++;
        }
        Assert.True(blue > 100, $"{blue} VMAF-coloured samples: no VMAF line");
        Assert.True(orange > 100, $"{orange} PSNR-coloured samples: no PSNR line");
    }
}
