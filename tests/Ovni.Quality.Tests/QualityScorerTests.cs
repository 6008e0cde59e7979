// The streaming scorer's contract on synthetic frames: frame-count mismatch handling, bit-depth invariance,
// PSNR arithmetic, pitched input, determinism across thread counts, validation and cancellation.
using CommunityToolkit.HighPerformance;
using Microsoft.Extensions.Logging;
using Ovni.Quality;

namespace Ovni.Quality.Tests;

public sealed class QualityScorerTests
{
    private const int Width = 96, Height = 64;

    private static VmafModel Model() => VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json"));

    [Fact]
    public async Task Mismatched_frame_counts_score_the_shorter_and_warn()
    {
        string reference = SyntheticFrames.WriteRaw8(SyntheticFrames.TempPath("ref.yuv"), Width, Height, 5, seed: 1, noise: 0);
        string distorted = SyntheticFrames.WriteRaw8(SyntheticFrames.TempPath("dist.yuv"), Width, Height, 3, seed: 2, noise: 4);
        try
        {
            var logger = new RecordingLogger();
            var result = await QualityScorer.ScoreRawFilesAsync(reference, distorted, new YuvFormat(Width, Height),
                new QualityOptions { Model = Model(), Configuration = new OvniConfiguration { Logger = logger } }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(3, result.Frames.Count);
            Assert.Equal(5, result.ReferenceFrameCount);
            Assert.Equal(3, result.DistortedFrameCount);
            Assert.True(result.FrameCountMismatch);
            Assert.Contains(logger.Messages, m => m.Level == LogLevel.Warning && m.Message.Contains("Frame counts differ"));
            Assert.All(result.Frames, f => Assert.InRange(f.Vmaf, 0.0, 100.0));
        }
        finally
        {
            File.Delete(reference);
            File.Delete(distorted);
        }
    }

    [Fact]
    public async Task Missing_raw_file_throws_ovni_exception_naming_it()
    {
        string missing = SyntheticFrames.TempPath("missing.yuv");
        var e = await Assert.ThrowsAsync<OvniException>(() => QualityScorer.ScoreRawFilesAsync(missing, missing,
            new YuvFormat(Width, Height), new QualityOptions { Metrics = QualityMetrics.Psnr }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(missing, e.FilePath);
        Assert.Contains(missing, e.Message);
    }

    // ALGORITHM.md §2: every extractor normalises to the 8-bit scale, so x * 2^(bpc-8) scores like x.
    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    public async Task High_bit_depth_frames_scaled_from_eight_bit_give_identical_vmaf_features(int bitDepth)
    {
        int factor = 1 << (bitDepth - 8);
        var eight = new QualityScorer(new YuvFormat(Width, Height, 8), new QualityOptions { Model = Model(), Metrics = QualityMetrics.Vmaf });
        var ten = new QualityScorer(new YuvFormat(Width, Height, bitDepth), new QualityOptions { Model = Model(), Metrics = QualityMetrics.Vmaf });
        var refFrame = new byte[Width * Height * 3 / 2];
        var distFrame = new byte[refFrame.Length];
        for (int f = 0; f < 4; f++)
        {
            SyntheticFrames.Fill(refFrame, Width, Height, f, seed: 3, noise: 0);
            SyntheticFrames.Fill(distFrame, Width, Height, f, seed: 4, noise: 6);
            eight.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(refFrame, 0, Height, Width, 0)),
                new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(distFrame, 0, Height, Width, 0)));
            ushort[] ref10 = refFrame.Take(Width * Height).Select(v => (ushort)(v * factor)).ToArray();
            ushort[] dist10 = distFrame.Take(Width * Height).Select(v => (ushort)(v * factor)).ToArray();
            ten.Add(new YuvPlanes<ushort>(new ReadOnlySpan2D<ushort>(ref10, Height, Width)),
                new YuvPlanes<ushort>(new ReadOnlySpan2D<ushort>(dist10, Height, Width)));
        }
        var a = await eight.CompleteAsync(TestContext.Current.CancellationToken);
        var b = await ten.CompleteAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, a.Frames.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(a.Frames[i].VifScale0, b.Frames[i].VifScale0);
            Assert.Equal(a.Frames[i].VifScale3, b.Frames[i].VifScale3);
            Assert.Equal(a.Frames[i].Adm2, b.Frames[i].Adm2);
            Assert.Equal(a.Frames[i].Motion2, b.Frames[i].Motion2);
            Assert.Equal(a.Frames[i].Vmaf, b.Frames[i].Vmaf);
        }
        Assert.True(a.Frames[1].Motion > 0, "the synthetic pattern moves, so motion must be positive");
    }

    [Theory]
    [InlineData(PixelFormat.Yuv444P, 8)]
    [InlineData(PixelFormat.Yuv422P10, 10)]
    [InlineData(PixelFormat.Yuv420P12, 12)]
    public async Task Psnr_follows_the_definition_per_plane_and_caps_identical_planes(PixelFormat pixelFormat, int bitDepth)
    {
        var format = YuvFormat.Of(Width, Height, pixelFormat);
        var scorer = new QualityScorer(format, new QualityOptions { Metrics = QualityMetrics.Psnr | QualityMetrics.Ssim });
        int peak = (1 << bitDepth) - 1;
        var y = Enumerable.Range(0, Width * Height).Select(i => (ushort)(i * 7 % peak)).ToArray();
        var yDist = y.Select(v => (ushort)(v ^ 1)).ToArray(); // every sample off by exactly 1
        var c = Enumerable.Range(0, format.ChromaWidth * format.ChromaHeight).Select(i => (ushort)(i * 3 % (peak - 3))).ToArray();
        var cDist = c.Select(v => (ushort)(v + 3)).ToArray(); // off by 3
        var refPlanes = new YuvPlanes<ushort>(new ReadOnlySpan2D<ushort>(y, Height, Width),
            new ReadOnlySpan2D<ushort>(c, format.ChromaHeight, format.ChromaWidth), new ReadOnlySpan2D<ushort>(c, format.ChromaHeight, format.ChromaWidth));
        var distPlanes = new YuvPlanes<ushort>(new ReadOnlySpan2D<ushort>(yDist, Height, Width),
            new ReadOnlySpan2D<ushort>(cDist, format.ChromaHeight, format.ChromaWidth), new ReadOnlySpan2D<ushort>(c, format.ChromaHeight, format.ChromaWidth));
        if (bitDepth == 8)
        {
            var y8 = y.Select(v => (byte)v).ToArray(); var yd8 = yDist.Select(v => (byte)v).ToArray();
            var c8 = c.Select(v => (byte)v).ToArray(); var cd8 = cDist.Select(v => (byte)v).ToArray();
            scorer.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(y8, Height, Width), new ReadOnlySpan2D<byte>(c8, format.ChromaHeight, format.ChromaWidth), new ReadOnlySpan2D<byte>(c8, format.ChromaHeight, format.ChromaWidth)),
                new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(yd8, Height, Width), new ReadOnlySpan2D<byte>(cd8, format.ChromaHeight, format.ChromaWidth), new ReadOnlySpan2D<byte>(c8, format.ChromaHeight, format.ChromaWidth)));
        }
        else
        {
            scorer.Add(refPlanes, distPlanes);
        }
        var result = await scorer.CompleteAsync(TestContext.Current.CancellationToken);
        var frame = Assert.Single(result.Frames);
        Assert.Equal(10 * Math.Log10((double)peak * peak / 1.0), frame.PsnrY, 1e-9);
        Assert.Equal(10 * Math.Log10((double)peak * peak / 9.0), frame.PsnrCb, 1e-9);
        Assert.Equal(6.0 * bitDepth + 12.0, frame.PsnrCr); // identical plane: libvmaf's cap
        Assert.True(double.IsNaN(frame.Vmaf));
        Assert.InRange(frame.Ssim, 0.5, 1.0);
    }

    [Fact]
    public async Task Identical_frames_score_perfectly()
    {
        var scorer = new QualityScorer(new YuvFormat(Width, Height), new QualityOptions { Model = Model() });
        var frame = new byte[Width * Height * 3 / 2];
        for (int f = 0; f < 3; f++)
        {
            SyntheticFrames.Fill(frame, Width, Height, f, seed: 5, noise: 3);
            var planes = new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(frame, 0, Height, Width, 0));
            scorer.Add(planes, planes);
        }
        var result = await scorer.CompleteAsync(TestContext.Current.CancellationToken);
        Assert.All(result.Frames, f =>
        {
            Assert.Equal(60.0, f.PsnrY);
            Assert.Equal(1.0, f.Ssim, 1e-9);
            Assert.InRange(f.Adm2, 1.0, 1.0001); // libvmaf also gives slightly above 1 (the noise floor term)
            Assert.InRange(f.VifScale0, 0.999, 1.0001);
            Assert.True(double.IsNaN(f.PsnrCb), "no chroma was given");
        });
        Assert.InRange(result.Vmaf.Mean, 97.0, 100.0);
    }

    [Fact]
    public async Task Pitched_planes_and_thread_counts_do_not_change_scores()
    {
        const int pitch = 40;
        var results = new List<QualityResult>();
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var scorer = new QualityScorer(new YuvFormat(Width, Height), new QualityOptions { Model = Model(), Threads = threads });
            var refFrame = new byte[Width * Height * 3 / 2];
            var distFrame = new byte[refFrame.Length];
            var padded = new byte[(Width + pitch) * Height];
            for (int f = 0; f < 6; f++)
            {
                SyntheticFrames.Fill(refFrame, Width, Height, f, seed: 6, noise: 0);
                SyntheticFrames.Fill(distFrame, Width, Height, f, seed: 7, noise: 5 + f);
                for (int row = 0; row < Height; row++)
                    Array.Copy(distFrame, row * Width, padded, row * (Width + pitch), Width);
                var refPlanes = new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(refFrame, 0, Height, Width, 0));
                var distPlanes = threads == 2
                    ? new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(padded, 0, Height, Width, pitch))
                    : new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(distFrame, 0, Height, Width, 0));
                scorer.Add(refPlanes, distPlanes);
            }
            results.Add(await scorer.CompleteAsync(TestContext.Current.CancellationToken));
        }
        Assert.Equal(results[0].Frames, results[1].Frames);
        Assert.Equal(results[0].Frames, results[2].Frames);
        Assert.True(results[0].Frames[5].Vmaf < results[0].Frames[0].Vmaf, "more noise must lower VMAF");
    }

    [Fact]
    public async Task Subsample_scores_every_nth_frame()
    {
        var scorer = new QualityScorer(new YuvFormat(Width, Height), new QualityOptions { Model = Model(), Subsample = 3 });
        var frame = new byte[Width * Height * 3 / 2];
        var dist = new byte[frame.Length];
        for (int f = 0; f < 7; f++)
        {
            SyntheticFrames.Fill(frame, Width, Height, f, seed: 8, noise: 0);
            SyntheticFrames.Fill(dist, Width, Height, f, seed: 9, noise: 4);
            scorer.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(frame, 0, Height, Width, 0)),
                new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(dist, 0, Height, Width, 0)));
        }
        var result = await scorer.CompleteAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0, 3, 6], result.Frames.Select(f => f.FrameNumber));
    }

    [Fact]
    public async Task Default_options_score_vmaf_with_the_built_in_model_for_the_size()
    {
        var y = new byte[Width * Height];
        var other = new byte[Width * Height];
        for (int i = 0; i < other.Length; i++) other[i] = (byte)(i * 7 % 251);
        async Task<QualityResult> Score(QualityOptions options)
        {
            await using var scorer = new QualityScorer(new YuvFormat(Width, Height), options);
            scorer.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(y, Height, Width)), new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(other, Height, Width)));
            return await scorer.CompleteAsync(TestContext.Current.CancellationToken);
        }
        QualityResult byDefault = await Score(new QualityOptions());
        QualityResult named = await Score(new QualityOptions { Model = VmafModel.BuiltIn(VmafModel.DefaultVersion) });
        QualityFrameScores frame = Assert.Single(byDefault.Frames);
        Assert.False(double.IsNaN(frame.Vmaf));
        Assert.Equal(Assert.Single(named.Frames).Vmaf, frame.Vmaf);
        Assert.Equal(VmafModel.DefaultVersion, byDefault.Model?.Name);
    }

    [Fact]
    public async Task Invalid_use_is_rejected_clearly()
    {
        await using (new QualityScorer(new YuvFormat(Width, Height), new QualityOptions())) { } // no model: the built-in one, not an error
        Assert.Throws<OvniException>(() => new QualityScorer(new YuvFormat(8, 8), new QualityOptions { Metrics = QualityMetrics.Psnr }));
        Assert.Throws<OvniException>(() => new QualityScorer(new YuvFormat(Width, Height), new QualityOptions { Subsample = 0 }));
        var scorer = new QualityScorer(new YuvFormat(Width, Height), new QualityOptions { Metrics = QualityMetrics.Psnr });
        var small = new byte[32 * 32];
        Assert.Throws<OvniException>(() => scorer.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(small, 32, 32)),
            new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(small, 32, 32))));
        var wide = new ushort[Width * Height];
        Assert.Throws<OvniException>(() => scorer.Add(new YuvPlanes<ushort>(new ReadOnlySpan2D<ushort>(wide, Height, Width)),
            new YuvPlanes<ushort>(new ReadOnlySpan2D<ushort>(wide, Height, Width))));
        await scorer.DisposeAsync();
    }

    [Fact]
    public async Task Rejected_frames_do_not_leak_pooled_buffers()
    {
        // one worker owns 2*1+2 pooled buffers: a leak per rejected frame would block the later Adds forever
        var scorer = new QualityScorer(new YuvFormat(Width, Height), new QualityOptions { Metrics = QualityMetrics.Psnr, Threads = 1 });
        var y = new byte[Width * Height];
        var badChroma = new byte[10 * 10];
        for (int i = 0; i < 6; i++)
            Assert.Throws<OvniException>(() => scorer.Add(
                new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(y, Height, Width), new ReadOnlySpan2D<byte>(badChroma, 10, 10), new ReadOnlySpan2D<byte>(badChroma, 10, 10)),
                new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(y, Height, Width), new ReadOnlySpan2D<byte>(badChroma, 10, 10), new ReadOnlySpan2D<byte>(badChroma, 10, 10))));
        for (int i = 0; i < 8; i++)
            scorer.Add(new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(y, Height, Width)), new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(y, Height, Width)));
        var result = await scorer.CompleteAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(8, result.Frames.Count);
    }

    [Fact]
    public async Task Cancellation_stops_file_scoring()
    {
        string reference = SyntheticFrames.WriteRaw8(SyntheticFrames.TempPath("ref.yuv"), Width, Height, 4, seed: 1, noise: 0);
        try
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QualityScorer.ScoreRawFilesAsync(reference, reference,
                new YuvFormat(Width, Height), new QualityOptions { Model = Model() }, cancellationToken: cts.Token));
        }
        finally
        {
            File.Delete(reference);
        }
    }
}
