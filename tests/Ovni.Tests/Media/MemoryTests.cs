using System.Diagnostics;

namespace Ovni.Tests.Media;

/// <summary>Frames come from pools: a long run must not grow managed or native memory.</summary>
[Collection(nameof(MemoryTests))]
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)] // process-wide counters: run alone
public class MemoryTests
{
    [Fact]
    public async Task Decoding_and_encoding_3000_frames_keeps_memory_flat()
    {
        using var temp = new TempDirectory();
        // 3,000 small frames made by FFmpeg's test source: the property under test is per-frame growth, not size.
        string source = temp.File("source.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=60:d=50", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", source);

        await using var reader = MediaReader.Open(source);
        await using var writer = MediaWriter.Create(temp.File("out.mkv"), new VideoEncoderOptions { Preset = "ultrafast" }, source: reader.Video);
        long managedAt500 = 0, nativeAt500 = 0, managedAtEnd = 0, nativeAtEnd = 0;
        var frames = reader.ReadFramesAsync(TestContext.Current.CancellationToken);
        long count = 0;
        await foreach (GpuFrame frame in frames)
        {
            using (frame) writer.WriteFrame(frame);
            count++;
            if (count == 500) (managedAt500, nativeAt500) = Measure();
        }
        (managedAtEnd, nativeAtEnd) = Measure();
        await writer.CompleteAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3000, count);
        TestContext.Current.SendDiagnosticMessage($"managed +{managedAtEnd - managedAt500:N0} B, process +{nativeAtEnd - nativeAt500:N0} B over 2,500 frames");
        // 2,500 more frames of 115 KB each would be ~290 MB if anything leaked per frame.
        Assert.True(managedAtEnd - managedAt500 < 4_000_000, $"managed heap grew {managedAtEnd - managedAt500:N0} bytes over 2,500 frames");
        Assert.True(nativeAtEnd - nativeAt500 < 24_000_000, $"process memory grew {nativeAtEnd - nativeAt500:N0} bytes over 2,500 frames");
    }

    private static (long Managed, long Process) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.PrivateMemorySize64);
    }
}
