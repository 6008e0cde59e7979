// Why: OvniConfiguration must mean what it says: the logger it carries receives the FFmpeg lines about the files opened
// under it (not the global default's), its frames carry it so operations rent from its pools, and a CUDA device
// asked for where there is none fails clearly instead of silently decoding on the CPU.
using Microsoft.Extensions.Logging;
using Ovni.Operations;

namespace Ovni.Tests.Media;

public class ConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void FFmpegs_reason_for_a_broken_file_goes_to_the_readers_logger_not_the_default()
    {
        using var temp = new TempDirectory();
        string path = temp.File("truncated.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-c:v", "libx264", "-preset", "ultrafast", path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]); // the moov atom (at the end) is gone
        var mine = new RecordingLogger();
        var global = new RecordingLogger();
        ILogger before = OvniConfiguration.Default.Logger;
        OvniConfiguration.Default.Logger = global;
        try
        {
            Assert.ThrowsAny<OvniException>(() => MediaReader.Open(path, new MediaReaderOptions { Configuration = new OvniConfiguration { Logger = mine } }));
        }
        finally
        {
            OvniConfiguration.Default.Logger = before;
        }
        Assert.Contains(mine.Lines, line => line.StartsWith("ffmpeg: ", StringComparison.Ordinal));
        Assert.DoesNotContain(global.Lines, line => line.Contains(path, StringComparison.Ordinal) || line.Contains("moov", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Frames_carry_their_readers_configuration_into_the_operations_pools()
    {
        using var temp = new TempDirectory();
        string path = temp.File("clip.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=0.2", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", path);
        var configuration = new OvniConfiguration { MaxFramePools = 2 };
        await using MediaReader reader = MediaReader.Open(path, new MediaReaderOptions { Configuration = configuration });
        await foreach (GpuFrame frame in reader.ReadFramesAsync(Ct))
        {
            using (frame)
            {
                Assert.Same(configuration, frame.Configuration);
                using GpuFrame scaled = frame.Scale(160, 120, ScaleFilter.Bilinear);
                using GpuFrame rgba = scaled.ToRgba();
                Assert.Same(configuration, scaled.Configuration);
                Assert.Same(configuration, rgba.Configuration);
            }
        }
    }

    [Fact]
    public void A_cuda_configuration_without_a_driver_fails_clearly_instead_of_decoding_on_the_cpu()
    {
        Assert.SkipWhen(Ovni.Devices.Cuda.CudaDriver.TryInitialize(out _), "a CUDA driver is present in this process");
        using var temp = new TempDirectory();
        string path = temp.File("clip.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=0.2", "-c:v", "libx264", "-preset", "ultrafast", path);
        var e = Assert.Throws<OvniException>(() =>
            MediaReader.Open(path, new MediaReaderOptions { Configuration = new OvniConfiguration { Device = DeviceKind.Cuda } }));
        Assert.Contains("CUDA", e.Message);
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines) return _lines.ToArray();
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add(formatter(state, exception));
        }
    }
}
