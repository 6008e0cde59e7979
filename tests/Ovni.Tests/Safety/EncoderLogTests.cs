using Microsoft.Extensions.Logging;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 11, item 4: x265's banner and log went straight to stderr through the progress bar. Encoder logs reach the
/// configuration's ILogger (x264 through FFmpeg's log; x265, which can only print, is silenced and summarised).
/// </summary>
public class EncoderLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add((logLevel, formatter(state, exception)));
        }
    }

    private static async Task<List<(LogLevel Level, string Text)>> Encode(string encoder, TempDirectory temp)
    {
        var logger = new CapturingLogger();
        var configuration = OvniConfiguration.Default.Clone();
        configuration.Logger = logger;
        await using MediaWriter writer = MediaWriter.Create(temp.File(encoder + ".mkv"), new VideoEncoderOptions { Encoder = encoder, Preset = encoder == "libsvtav1" ? "12" : "ultrafast" },
            new MediaWriterOptions { Configuration = configuration });
        await writer.WriteAsync(FrameSources.Gradient(320, 240, RgbaColor.Black, RgbaColor.White, 10, TimeSpan.FromSeconds(0.4), new Rational(25, 1)), cancellationToken: Ct);
        return logger.Lines; // the same list: lines that arrive later (SVT-AV1's pipe) show up in it
    }

    [Fact]
    public async Task X264s_banner_goes_to_the_writers_logger()
    {
        using var temp = new TempDirectory();
        var lines = await Encode("libx264", temp);
        Assert.Contains(lines, l => l.Text.StartsWith("ffmpeg: libx264: using cpu capabilities", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("with libx264", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Svt_av1s_banner_goes_to_the_logger_through_a_pipe()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("SVT_LOG_FILE is pointed at a pipe on Linux.");
        if (Environment.GetEnvironmentVariable("SVT_LOG_FILE") is not null) Assert.Skip("SVT_LOG_FILE is set by the environment; Ovni leaves it alone.");
        using var temp = new TempDirectory();
        var lines = await Encode("libsvtav1", temp);
        Assert.Contains(lines, l => l.Text.Contains("with libsvtav1", StringComparison.Ordinal));
        // SVT-AV1 writes its log with stdio; lines arrive as it flushes. Wait a little for the banner.
        for (int i = 0; i < 50 && !Logged(lines); i++) await Task.Delay(100, Ct);
        Assert.True(Logged(lines), "no SVT-AV1 line reached the logger: " + string.Join(" | ", lines.Select(l => l.Text)));

        static bool Logged(List<(LogLevel Level, string Text)> lines)
        {
            lock (lines) return lines.Any(l => l.Text.StartsWith("svt-av1: Svt[info]", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task X265_is_summarised_through_the_logger_instead_of_printing()
    {
        using var temp = new TempDirectory();
        var lines = await Encode("libx265", temp);
        Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Text.Contains("with libx265", StringComparison.Ordinal));
        var quiet = EncoderLogs.QuietOptions("libx265", new Dictionary<string, string> { ["x265-params"] = "aq-mode=3" }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).ToList();
        Assert.Equal([("x265-params", "aq-mode=3:log-level=none")], quiet);
        Assert.Empty(EncoderLogs.QuietOptions("libx265", new Dictionary<string, string> { ["x265-params"] = "log-level=info" }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
    }
}
