using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Routes FFmpeg's log to <see cref="OvniConfiguration.Logger"/> and remembers, per thread, the last
/// error line: demuxers explain failures only in the log ("moov atom not found"), and that sentence
/// is what a user needs in the exception.
/// </summary>
internal static unsafe class FFmpegLog
{
    private const int AvLogError = 16;
    private const int AvLogWarning = 24;

    [ThreadStatic] private static string? t_lastError;

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
            ILogger logger = OvniConfiguration.Default.Logger;
            logger.Log(level <= AvLogError ? LogLevel.Error : LogLevel.Warning, "ffmpeg: {Line}", text);
        }
        catch
        {
            // A logging failure must never unwind into native code.
        }
    }
}
