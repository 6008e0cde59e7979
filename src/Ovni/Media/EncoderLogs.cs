using System.Text;
using Microsoft.Extensions.Logging;
using Ovni.Interop.FFmpeg;
using Ovni.Interop.Posix;

namespace Ovni;

/// <summary>
/// Keeps encoder libraries off the terminal. x264 logs through FFmpeg (and so through <see cref="FFmpegLog"/>); x265
/// writes its banner and log with fprintf to stderr and has no callback, so it is told to be quiet (its errors still
/// surface as FFmpeg's messages, and the writer logs its own summary of the encoder); SVT-AV1 1.x prints to stderr
/// unless SVT_LOG_FILE names a file, so it is given a pipe whose lines are forwarded to the ILogger.
/// </summary>
internal static unsafe class EncoderLogs
{
    private static readonly Lock s_gate = new();
    private static bool s_svtPipeInstalled;
    private static volatile ILogger s_svtLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Options to add for <paramref name="encoder"/> so that it prints nothing itself (key, value; may replace a user's value by extending it).</summary>
    internal static IEnumerable<(string Key, string Value)> QuietOptions(string encoder, IReadOnlyDictionary<string, string>? extra, ILogger logger)
    {
        if (encoder == "libx265")
        {
            string? parameters = extra is not null && extra.TryGetValue("x265-params", out string? given) ? given : null;
            if (parameters is null) yield return ("x265-params", "log-level=none");
            else if (!parameters.Contains("log-level", StringComparison.Ordinal)) yield return ("x265-params", parameters + ":log-level=none");
        }
        else if (encoder == "libsvtav1")
        {
            RouteSvtAv1(logger);
        }
    }

    /// <summary>Once per process, before SVT-AV1 first initialises its logger: SVT_LOG_FILE → a pipe read by a thread that logs each line.</summary>
    private static void RouteSvtAv1(ILogger logger)
    {
        s_svtLogger = logger; // its lines cannot be told apart per encoder: the latest writer's logger gets them
        if (!OperatingSystem.IsLinux()) return;
        lock (s_gate)
        {
            if (s_svtPipeInstalled || Environment.GetEnvironmentVariable("SVT_LOG_FILE") is not null) return;
            int* fds = stackalloc int[2];
            if (LibC.Pipe2(fds, LibC.OCloExec) != 0) return;
            // The write end stays open for the life of the process: SVT-AV1 opens /proc/self/fd/N whenever it initialises.
            byte[] name = Utf8.ToNullTerminated("SVT_LOG_FILE");
            byte[] value = Utf8.ToNullTerminated($"/proc/self/fd/{fds[1]}");
            fixed (byte* n = name, v = value) LibC.SetEnv(n, v, 0);
            int readEnd = fds[0];
            var thread = new Thread(() => Forward(readEnd)) { IsBackground = true, Name = "Ovni SVT-AV1 log" };
            thread.Start();
            s_svtPipeInstalled = true;
        }
    }

    private static void Forward(int fd)
    {
        var pending = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (true)
        {
            nint read;
            fixed (byte* b = buffer) read = LibC.Read(fd, b, (nuint)buffer.Length);
            if (read <= 0) return;
            pending.Append(Encoding.UTF8.GetString(buffer, 0, (int)read));
            int newline;
            while ((newline = pending.ToString().IndexOf('\n', StringComparison.Ordinal)) >= 0)
            {
                string line = pending.ToString(0, newline).Trim();
                pending.Remove(0, newline + 1);
                if (line.Length == 0) continue;
                LogLevel level = line.Contains("[error]", StringComparison.Ordinal) || line.Contains("[fatal]", StringComparison.Ordinal) ? LogLevel.Error
                    : line.Contains("[warn]", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Information;
                try { s_svtLogger.Log(level, "svt-av1: {Line}", line); }
                catch (Exception) { /* a failing logger must not stop the pipe from being drained */ }
            }
        }
    }
}
