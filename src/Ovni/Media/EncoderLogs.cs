using System.Text;
using Microsoft.Extensions.Logging;
using Ovni.Interop.FFmpeg;
using Ovni.Interop.Posix;
using Ovni.Interop;

namespace Ovni;

/// <summary>
/// Keeps encoder libraries off the terminal. x264 logs through FFmpeg (and so through <see cref="FFmpegLog"/>); x265
/// writes its banner and log with fprintf to stderr and has no callback, so it is told to be quiet (its errors still
/// surface as FFmpeg's messages, and the writer logs its own summary of the encoder); SVT-AV1 1.x prints to stderr
/// unless SVT_LOG_FILE names a file, so it is given a pseudo-terminal (or a pipe) whose lines are forwarded to the ILogger.
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

    /// <summary>
    /// Once per process, before SVT-AV1 first initialises its logger: SVT_LOG_FILE → a pseudo-terminal (stdio writes a
    /// terminal line by line; a pipe would hold lines back in a 4 KB buffer) whose other end a thread reads and logs.
    /// A session leader without a terminal would adopt the pseudo-terminal as its controlling terminal, so such a
    /// process (a daemon) gets a pipe instead, whose lines arrive when SVT-AV1's buffer fills.
    /// </summary>
    private static void RouteSvtAv1(ILogger logger)
    {
        s_svtLogger = logger; // its lines cannot be told apart per encoder: the latest writer's logger gets them
        if (!OperatingSystem.IsLinux()) return;
        lock (s_gate)
        {
            if (s_svtPipeInstalled || Environment.GetEnvironmentVariable("SVT_LOG_FILE") is not null) return;
            (int readEnd, string? path) = OpenTerminal();
            if (path is null)
            {
                int* fds = stackalloc int[2];
                if (LibC.Pipe2(fds, LibC.OCloExec) != 0) return;
                // The write end stays open for the life of the process: SVT-AV1 opens /proc/self/fd/N when it initialises.
                (readEnd, path) = (fds[0], $"/proc/self/fd/{fds[1]}");
            }
            byte[] name = Utf8.ToNullTerminated("SVT_LOG_FILE");
            byte[] value = Utf8.ToNullTerminated(path);
            fixed (byte* n = name, v = value) LibC.SetEnv(n, v, 0);
            var thread = new Thread(() => Forward(readEnd)) { IsBackground = true, Name = "Ovni SVT-AV1 log" };
            thread.Start();
            s_svtPipeInstalled = true;
        }
    }

    /// <summary>A pseudo-terminal's master descriptor and its slave's path; (-1, null) when unavailable or unsafe here.</summary>
    private static (int Master, string? Slave) OpenTerminal()
    {
        if (LibC.GetSid(0) == Environment.ProcessId) return (-1, null);
        int master = LibC.PosixOpenPt(LibC.ORdWr | LibC.ONoCtty | LibC.OCloExec);
        if (master < 0) return (-1, null);
        byte* buffer = stackalloc byte[128];
        if (LibC.GrantPt(master) != 0 || LibC.UnlockPt(master) != 0 || LibC.PtsNameR(master, buffer, 128) != 0)
        {
            LibC.Close(master);
            return (-1, null);
        }
        string slave = Utf8.ToString(buffer) ?? "";
        // Held open by us (never written) so the master reads block instead of failing before SVT-AV1 opens the slave.
        byte[] path = Utf8.ToNullTerminated(slave);
        int keep;
        fixed (byte* p = path) keep = LibC.Open(p, LibC.ORdWr | LibC.ONoCtty | LibC.OCloExec, 0);
        if (keep < 0)
        {
            LibC.Close(master);
            return (-1, null);
        }
        return (master, slave);
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
