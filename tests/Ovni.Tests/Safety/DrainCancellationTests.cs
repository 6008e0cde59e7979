using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 11, item 4: cancellation was checked once before the encoder drained, so Ctrl+C during x265 "slower"'s drain was
/// ignored for two minutes, and progress counted frames handed to the encoder ("86 %, ETA 00:00" throughout).
/// </summary>
[Collection(WallClockCollection.Name)]
[Trait(WallClockCollection.Trait, WallClockCollection.Timing)]
public class DrainCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>1080p frames: the HDR10 clip of the shared footage, or generated ones without it.</summary>
    private static async Task<List<GpuFrame>> Frames1080(int count)
    {
        string path = Path.Combine(TestMedia.MediaDirectory, "hdr10-video-with-sdr-container.mp4");
        var frames = new List<GpuFrame>();
        if (File.Exists(path))
        {
            await using MediaReader reader = MediaReader.Open(path);
            await foreach (GpuFrame frame in reader.ReadFramesAsync(Ct))
            {
                frames.Add(frame);
                if (frames.Count == count) break;
            }
            return frames;
        }
        await foreach (GpuFrame frame in FrameSources.Gradient(1920, 1080, RgbaColor.Black, RgbaColor.White, 30, TimeSpan.FromSeconds(count / 25.0), new Rational(25, 1)))
            frames.Add(frame);
        return frames;
    }

    [Fact]
    public async Task Cancel_during_x265_slower_drain_returns_within_a_second_and_leaves_nothing()
    {
        using var temp = new TempDirectory();
        List<GpuFrame> frames = await Frames1080(28);
        string output = temp.File("hdr.mp4");
        var writer = MediaWriter.Create(output, new VideoEncoderOptions { Encoder = "libx265", Preset = "slower" });
        try
        {
            foreach (GpuFrame frame in frames) writer.WriteFrame(frame);
            using var cts = new CancellationTokenSource();
            Task complete = writer.CompleteAsync(cts.Token);
            await Task.Delay(1500, Ct);
            // Still draining: the encoder has delivered only part of what it was given.
            Assert.False(complete.IsCompleted, "the drain finished in 1.5 s; x265 slower at 1080p should take far longer");
            Assert.True(writer.FramesWritten < frames.Count, $"{writer.FramesWritten} of {frames.Count} frames already out");
            var clock = Stopwatch.StartNew();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => complete);
            clock.Stop();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
            TestContext.Current.SendDiagnosticMessage(FormattableString.Invariant(
                $"drain cancel: CompleteAsync returned {clock.Elapsed.TotalMilliseconds:0} ms after cancel, {writer.FramesWritten} of {frames.Count} frames out of x265 slower"));
        }
        finally
        {
            await writer.DisposeAsync();
            foreach (GpuFrame frame in frames) frame.Dispose();
        }
        // The abandoned encoder finishes its frame in the background; it must never produce the file.
        await Task.Delay(3000, Ct);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Cancel_while_the_encoder_thread_is_busy_returns_without_waiting_for_it()
    {
        using var temp = new TempDirectory();
        List<GpuFrame> frames = await Frames1080(20);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var writer = MediaWriter.Create(temp.File("out.mkv"), new VideoEncoderOptions { Encoder = "libx265", Preset = "slower" });
        Stopwatch? clock = null;
        async IAsyncEnumerable<GpuFrame> Feed([EnumeratorCancellation] CancellationToken token = default)
        {
            for (int i = 0; i < frames.Count; i++)
            {
                if (i == 12)
                {
                    clock = Stopwatch.StartNew();
                    cts.Cancel();
                }
                token.ThrowIfCancellationRequested();
                yield return frames[i].Share();
                await Task.Yield();
            }
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(Feed(cts.Token), cancellationToken: cts.Token));
        Assert.True(clock!.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
        foreach (GpuFrame frame in frames) frame.Dispose();
    }

    [Fact]
    public async Task Progress_counts_frames_the_encoder_delivered_not_frames_handed_to_it()
    {
        using var temp = new TempDirectory();
        const int total = 40;
        var reports = new List<PipelineProgress>();
        long reportedWhenLastFrameWasHandedOver = -1;
        // x264 "veryslow" looks 60 frames ahead: no packet leaves it before the drain for a 40-frame clip.
        await using var writer = MediaWriter.Create(temp.File("out.mp4"), new VideoEncoderOptions { Preset = "veryslow" });
        async IAsyncEnumerable<GpuFrame> Feed()
        {
            int i = 0;
            await foreach (GpuFrame frame in FrameSources.Gradient(320, 240, RgbaColor.Black, RgbaColor.White, 45, TimeSpan.FromSeconds(total / 25.0), new Rational(25, 1)))
            {
                if (++i == total)
                {
                    await Task.Delay(600, Ct); // let the encoder thread take frame 39 and report
                    reportedWhenLastFrameWasHandedOver = reports.Count == 0 ? 0 : reports[^1].Frames;
                }
                yield return frame;
            }
        }
        var progress = new SynchronousProgress<PipelineProgress>(p => { lock (reports) reports.Add(p); });
        await writer.WriteAsync(Feed(), progress, total, Ct);

        Assert.Equal(0, reportedWhenLastFrameWasHandedOver); // handed over 39, delivered none: the bar says 0 %, not 97 %
        Assert.Equal(total, reports[^1].Frames);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.Second.Frames >= pair.First.Frames));
    }
}
