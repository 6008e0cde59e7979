using System.Globalization;
using System.Text.RegularExpressions;
using Ovni.Operations;

namespace Ovni.Render.Tests.Pipeline;

public partial class SequenceOpsTests
{
    private const string Clip2997 = "internal_emulator_transformer_output.mp4";  // 149 frames, 29.97 fps, yuv420p
    private const string ClipMkv = "sample_with_srt.mkv";                         // 30 frames, 1 ms time base

    [Fact]
    public async Task Trim_by_time_keeps_exactly_the_frames_ffprobe_puts_in_the_window()
    {
        string path = TestMedia.Require(Clip2997);
        double[] times = FFmpegCli.FrameTimes(path);
        double[] expected = times.Where(t => t >= 1.0 && t < 2.0).ToArray();

        using MediaReader reader = MediaReader.Open(path);
        var kept = new List<(long Pts, double Seconds, long Index)>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken).Trim(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), keepSourceTime: true))
            using (frame) kept.Add((frame.Pts, frame.Timestamp.TotalSeconds, frame.Index));

        Assert.Equal(expected.Length, kept.Count);
        Assert.Equal(expected[0], kept[0].Seconds, 3);
        Assert.Equal(Array.IndexOf(times, expected[0]), kept[0].Index);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.Second.Pts > p.First.Pts));
    }

    [Fact]
    public async Task Trim_results_start_at_zero_by_default_and_keep_their_spacing()
    {
        string path = TestMedia.Require(Clip2997);
        double[] times = FFmpegCli.FrameTimes(path);
        double[] expected = times.Where(t => t >= 1.0 && t < 2.0).Select(t => t - times.First(s => s >= 1.0)).ToArray();

        using MediaReader reader = MediaReader.Open(path);
        var seconds = new List<double>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken).Trim(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)))
            using (frame) seconds.Add(frame.Timestamp.TotalSeconds);

        Assert.Equal(0.0, seconds[0]);
        Assert.Equal(expected.Length, seconds.Count);
        Assert.All(expected.Zip(seconds), p => Assert.InRange(p.Second, p.First - 1e-6, p.First + 1e-6));

        var counted = new List<double>();
        using MediaReader again = MediaReader.Open(path);
        await foreach (GpuFrame frame in again.ReadFramesAsync(TestContext.Current.CancellationToken).TrimFrames(30, 5))
            using (frame) counted.Add(frame.Timestamp.TotalSeconds);
        Assert.Equal(0.0, counted[0]);
        Assert.InRange(counted[4], times[34] - times[30] - 1e-6, times[34] - times[30] + 1e-6);
    }

    [Fact]
    public async Task Concat_of_clips_of_different_size_is_refused_with_the_fix()
    {
        string a = TestMedia.Require(Clip2997);
        string b = TestMedia.Require(ClipMkv);
        using MediaReader first = MediaReader.Open(a);
        using MediaReader second = MediaReader.Open(b);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var error = await Assert.ThrowsAsync<OvniException>(async () =>
        {
            await foreach (GpuFrame frame in first.ReadFramesAsync(ct).TrimFrames(0, 3).Concat(second.ReadFramesAsync(ct)).WithCancellation(ct))
                frame.Dispose();
        });
        Assert.Contains("stream 2 is 1080x720 yuv420p", error.Message);
        Assert.Contains("Scale(1280, 720)", error.Message);
    }

    [Fact]
    public async Task TrimFrames_skips_then_counts()
    {
        string path = TestMedia.Require(Clip2997);
        using MediaReader reader = MediaReader.Open(path);
        var indexes = new List<long>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken).TrimFrames(10, 20))
            using (frame) indexes.Add(frame.Index);
        Assert.Equal(Enumerable.Range(10, 20).Select(i => (long)i), indexes);
    }

    [Fact]
    public async Task Concat_of_two_clips_has_strictly_increasing_pts_without_a_gap()
    {
        string a = TestMedia.Require(Clip2997);
        string b = TestMedia.Require(ClipMkv);
        using MediaReader first = MediaReader.Open(a);
        using MediaReader second = MediaReader.Open(b);
        var frames = new List<(long Pts, Rational TimeBase, long Index)>();
        await foreach (GpuFrame frame in first.ReadFramesAsync(TestContext.Current.CancellationToken).TrimFrames(0, 40).Concat(second.ReadFramesAsync(TestContext.Current.CancellationToken).Scale(first.Video.Width, first.Video.Height))
                           .WithCancellation(TestContext.Current.CancellationToken))
            using (frame) frames.Add((frame.Pts, frame.TimeBase, frame.Index));

        Assert.Equal(40 + FFmpegCli.CountFrames(b), frames.Count);
        Assert.All(frames, f => Assert.Equal(first.Video.TimeBase, f.TimeBase));
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Index));
        long[] gaps = frames.Zip(frames.Skip(1), (x, y) => y.Pts - x.Pts).ToArray();
        Assert.All(gaps, g => Assert.True(g > 0, "pts must increase strictly"));
        // At the seam the second clip starts one frame duration (of the first clip) after the last frame of the first clip.
        long firstClipStep = gaps[0];
        Assert.Equal(firstClipStep, gaps[39]);
        // The second clip's own spacing (~1/29.97 s) is preserved: no gap larger than 1.5 frame times anywhere.
        double maxGapSeconds = gaps.Max() * first.Video.TimeBase.ToDouble();
        Assert.InRange(maxGapSeconds, 0.0, 1.5 / 29.97);
    }

    [Fact]
    public async Task Concat_is_chosen_over_the_BCL_Concat_that_would_not_retime()
    {
        string a = TestMedia.Require(ClipMkv);
        using MediaReader first = MediaReader.Open(a);
        using MediaReader second = MediaReader.Open(a);
        var pts = new List<long>();
        await foreach (GpuFrame frame in first.ReadFramesAsync(TestContext.Current.CancellationToken).Concat(second.ReadFramesAsync(TestContext.Current.CancellationToken)).WithCancellation(TestContext.Current.CancellationToken))
            using (frame) pts.Add(frame.Pts);
        Assert.True(pts.Zip(pts.Skip(1)).All(p => p.Second > p.First), "the same clip twice must continue, not restart at its first pts");
    }

    [Fact]
    public async Task The_BCL_Select_is_the_map_operation_and_composes_with_the_ops()
    {
        // .NET 10 ships System.Linq.AsyncEnumerable, so Ovni adds no Map: Select works on frame streams as is.
        var seen = new List<long>();
        await foreach (GpuFrame frame in FrameSources.SolidColor(16, 16, RgbaColor.White, TimeSpan.FromSeconds(1), new Rational(10, 1))
                           .Select(f => { f.Index += 100; return f; })
                           .TrimFrames(2, 3)
                           .WithCancellation(TestContext.Current.CancellationToken))
            using (frame) seen.Add(frame.Index);
        Assert.Equal([102L, 103L, 104L], seen);
    }

    [Theory]
    [InlineData(Clip2997, 24, 1)]          // 29.97 -> 24: drops about one frame in five
    [InlineData(ClipMkv, 60000, 1001)]     // 29.97 -> 59.94: repeats frames; this mkv declares 1 ms packet durations, so its last frame gets no slot
    [InlineData(ClipMkv, 10, 1)]           // strong decimation
    public async Task ChangeFrameRate_selects_the_same_frames_as_ffmpeg_fps_filter(string clip, int num, int den)
    {
        string path = TestMedia.Require(clip);
        (string[] ffmpegChecksums, long[] ffmpegPts) = FFmpegFps(path, $"{num}/{den}");
        Assert.NotEmpty(ffmpegChecksums);

        using MediaReader reader = MediaReader.Open(path);
        var checksums = new List<string>();
        var pts = new List<long>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken).ChangeFrameRate(new Rational(num, den)))
            using (frame)
            {
                Assert.Equal(new Rational(den, num), frame.TimeBase);
                checksums.Add(Adler32.OfPlane(frame, 0).ToString("X8", CultureInfo.InvariantCulture));
                pts.Add(frame.Pts);
            }

        Assert.Equal(ffmpegChecksums.Length, checksums.Count);
        Assert.Equal(ffmpegChecksums, checksums);
        Assert.Equal(ffmpegPts, pts);
    }

    [Fact]
    public async Task ChangeFrameRate_honours_cancellation()
    {
        string path = TestMedia.Require(ClipMkv);
        using MediaReader reader = MediaReader.Open(path);
        using var cts = new CancellationTokenSource();
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken).ChangeFrameRate(new Rational(24, 1)).WithCancellation(cts.Token))
            {
                frame.Dispose();
                if (++seen == 3) cts.Cancel();
            }
        });
        Assert.Equal(3, seen);
    }

    private static (string[] Checksums, long[] Pts) FFmpegFps(string path, string rate)
    {
        string log = FFmpegCli.RunStdErr("ffmpeg", "-hide_banner", "-nostdin", "-i", path, "-an", "-sn", "-vf", $"fps={rate},showinfo",
            "-fps_mode", "passthrough", "-f", "null", "-");
        return (PlaneChecksum().Matches(log).Select(m => m.Groups[1].Value.ToUpperInvariant()).ToArray(),
            ShowInfoPts().Matches(log).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray());
    }

    [GeneratedRegex(@"plane_checksum:\[([0-9A-Fa-f]{8})")]
    private static partial Regex PlaneChecksum();

    [GeneratedRegex(@"\] n:\s*\d+ pts:\s*(-?\d+)")]
    private static partial Regex ShowInfoPts();
}
