using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Routes FFmpeg's log to the logger of the configuration that opened the file or codec the line is about, and
/// remembers, per thread, the last error line: demuxers explain failures only in the log ("moov atom not found"), and
/// that sentence is what a user needs in the exception. A line's logger is its context's route's
/// (<see cref="FFmpegLogRoutes"/>: readers and writers register theirs), else the one in use on the calling thread
/// (<see cref="Use"/>, while a file is being opened), else <see cref="OvniConfiguration.Default"/>'s (e.g. lines of
/// FFmpeg's own worker threads).
/// </summary>
internal static unsafe partial class FFmpegLog
{
    private const int AvLogError = 16;
    private const int AvLogWarning = 24;
    private const int AvLogInfo = 32;

    [ThreadStatic] private static string? t_lastError;
    [ThreadStatic] private static ILogger? t_logger;

    internal static void Install()
    {
        // Information too: encoder banners and options (x264's "using cpu capabilities", SVT-AV1's) reach the ILogger.
        FFmpegApi.av_log_set_level(AvLogInfo);
        FFmpegApi.av_log_set_callback(&OnLog);
    }

    internal static string? TakeLastError()
    {
        string? last = t_lastError;
        t_lastError = null;
        return last;
    }

    internal static void ClearLastError() => t_lastError = null;

    [GeneratedRegex(@"^\[(?<who>[^\] @]+) @ 0x[0-9a-fA-F]+\]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LogPrefix();

    /// <summary>"[h264 @ 0x5641…] error while decoding MB" → "h264: error while decoding MB": the address means nothing to a user.</summary>
    internal static string Readable(string line) => LogPrefix().Replace(line, m => m.Groups["who"].Value + ": ");

    /// <summary>Sends lines logged on this thread (by contexts without a route) to <paramref name="logger"/> until the scope is disposed.</summary>
    internal static LoggerScope Use(ILogger logger)
    {
        ILogger? previous = t_logger;
        t_logger = logger;
        return new LoggerScope(previous);
    }

    /// <summary>Restores the previous thread logger when disposed.</summary>
    internal readonly struct LoggerScope(ILogger? previous) : IDisposable
    {
        public void Dispose() => t_logger = previous;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(void* avcl, int level, byte* format, void* args)
    {
        if (level > AvLogInfo) return;
        try
        {
            FFmpegLogRoutes.Route? route = FFmpegLogRoutes.Find(avcl, out bool fromFormat);
            ILogger logger = route?.Logger ?? t_logger ?? OvniConfiguration.Default.Logger;
            LogLevel mapped = level <= AvLogError ? LogLevel.Error : level <= AvLogWarning ? LogLevel.Warning : LogLevel.Information;
            // Informational lines (encoder banners, "concealing N errors") are formatted only when someone listens.
            if (mapped == LogLevel.Information && !logger.IsEnabled(mapped)) return;
            byte* line = stackalloc byte[1024];
            int prefix = 1;
            FFmpegApi.av_log_format_line2(avcl, level, format, args, line, 1024, &prefix);
            string text = (Utf8.ToString(line) ?? "").Trim();
            if (text.Length == 0) return;
            if (level <= AvLogError) t_lastError = Readable(text);
            if (level <= AvLogWarning) route?.Listener?.OnLogLine(level <= AvLogError, fromFormat, text);
            logger.Log(mapped, "ffmpeg: {Line}", Readable(text));
        }
        catch
        {
            // A logging failure must never unwind into native code.
        }
    }
}
