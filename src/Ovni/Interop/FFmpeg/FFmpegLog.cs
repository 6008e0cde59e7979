using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Routes FFmpeg's log to the logger of the configuration that opened the file or codec the line is about, and
/// remembers, per thread, the last error line: demuxers explain failures only in the log ("moov atom not found"), and
/// that sentence is what a user needs in the exception. A line's logger is the one attached to its context (readers
/// and writers attach theirs), else the one in use on the calling thread (<see cref="Use"/>, while a file is being
/// opened), else <see cref="OvniConfiguration.Default"/>'s (e.g. lines of FFmpeg's own worker threads).
/// </summary>
internal static unsafe class FFmpegLog
{
    private const int AvLogError = 16;
    private const int AvLogWarning = 24;

    private static readonly ConcurrentDictionary<nint, ILogger> s_contexts = new();

    [ThreadStatic] private static string? t_lastError;
    [ThreadStatic] private static ILogger? t_logger;

    internal static void Install()
    {
        FFmpegApi.av_log_set_level(AvLogWarning);
        FFmpegApi.av_log_set_callback(&OnLog);
    }

    internal static string? TakeLastError()
    {
        string? last = t_lastError;
        t_lastError = null;
        return last;
    }

    internal static void ClearLastError() => t_lastError = null;

    /// <summary>Sends lines logged on this thread (by contexts not attached) to <paramref name="logger"/> until the scope is disposed.</summary>
    internal static LoggerScope Use(ILogger logger)
    {
        ILogger? previous = t_logger;
        t_logger = logger;
        return new LoggerScope(previous);
    }

    /// <summary>Sends the lines FFmpeg logs about <paramref name="context"/> (an AVFormatContext or AVCodecContext) to <paramref name="logger"/>.</summary>
    internal static void Attach(void* context, ILogger logger)
    {
        if (context != null) s_contexts[(nint)context] = logger;
    }

    /// <summary>Forgets <paramref name="context"/>'s logger; call before the context is freed.</summary>
    internal static void Detach(void* context)
    {
        if (context != null) s_contexts.TryRemove((nint)context, out _);
    }

    /// <summary>Restores the previous thread logger when disposed.</summary>
    internal readonly struct LoggerScope(ILogger? previous) : IDisposable
    {
        public void Dispose() => t_logger = previous;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(void* avcl, int level, byte* format, void* args)
    {
        if (level > AvLogWarning) return;
        try
        {
            byte* line = stackalloc byte[1024];
            int prefix = 1;
            FFmpegApi.av_log_format_line2(avcl, level, format, args, line, 1024, &prefix);
            string text = (Utf8.ToString(line) ?? "").Trim();
            if (text.Length == 0) return;
            if (level <= AvLogError) t_lastError = text;
            ILogger logger = avcl != null && s_contexts.TryGetValue((nint)avcl, out ILogger? owner) ? owner : t_logger ?? OvniConfiguration.Default.Logger;
            logger.Log(level <= AvLogError ? LogLevel.Error : LogLevel.Warning, "ffmpeg: {Line}", text);
        }
        catch
        {
            // A logging failure must never unwind into native code.
        }
    }
}
