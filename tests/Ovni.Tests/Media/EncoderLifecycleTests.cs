using System.Diagnostics;
using Ovni.Interop.FFmpeg;

namespace Ovni.Tests.Media;

/// <summary>
/// SVT-AV1 encoders opened and closed at the same time in one process race on the library's global CPU table (a segfault
/// seen once in about 1,300 hull probes, two at a time). Several writers run at once here: their encodes overlap, their opens
/// and closes must not, and every file must come out whole.
/// </summary>
public class EncoderLifecycleTests
{
    [Fact]
    public async Task Svt_av1_encoders_in_parallel_open_and_close_one_at_a_time_and_all_finish()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var frames = new List<GpuFrame>();
        await using (MediaReader reader = MediaReader.Open(TestMedia.Require("big_buck_bunny_60s_360p.mp4")))
            await foreach (GpuFrame frame in reader.ReadFramesAsync(ct))
            {
                frames.Add(frame);
                if (frames.Count == 8) break;
            }
        var spans = new List<(long Start, long End)>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 8), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
            {
                long start = Stopwatch.GetTimestamp();
                await using (MediaWriter writer = MediaWriter.Create(temp.File($"out{i}.mkv"), new VideoEncoderOptions { Encoder = "libsvtav1", Preset = "12", Crf = 50, Threads = 1 }))
                {
                    foreach (GpuFrame frame in frames) writer.WriteFrame(frame);
                    await writer.CompleteAsync(token);
                }
                lock (spans) spans.Add((start, Stopwatch.GetTimestamp()));
            });
        }
        finally
        {
            foreach (GpuFrame frame in frames) frame.Dispose();
        }
        // The writers' lives overlapped (else the case tests nothing), their opens and closes never did.
        Assert.Contains(spans, a => spans.Any(b => b != a && b.Start < a.End && a.Start < b.End));
        Assert.Equal(1, EncoderLifecycle.MostInside);
        for (int i = 0; i < 8; i++) Assert.Equal(8, FFmpegCli.CountFrames(temp.File($"out{i}.mkv")));
    }
}
