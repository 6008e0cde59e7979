using System.Diagnostics;
using System.Globalization;

namespace Ovni.IO;

/// <summary>
/// Who owns a temporary file, written into its name: machine, boot, process id and the process's start time.
/// A later run reads it back to tell an abandoned file (its owner is gone) from one a live run is still writing:
/// a pid alone is not enough, because pids are reused.
/// </summary>
internal readonly record struct ProcessStamp(string Host, string Boot, int ProcessId, long StartTime)
{
    private static readonly Lazy<ProcessStamp> s_current = new(() =>
        new ProcessStamp(HostTag(), BootTag(), Environment.ProcessId, StartTimeOf(Environment.ProcessId) ?? 0));

    /// <summary>This process.</summary>
    internal static ProcessStamp Current => s_current.Value;

    /// <summary>"host-boot-pid-start", all lower-case letters and digits: safe in any file name.</summary>
    internal string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Host}-{Boot}-{ProcessId}-{Base36(StartTime)}");

    internal static bool TryParse(string text, out ProcessStamp stamp)
    {
        stamp = default;
        string[] parts = text.Split('-');
        if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return false;
        if (!TryParseBase36(parts[3], out long start)) return false;
        stamp = new ProcessStamp(parts[0], parts[1], pid, start);
        return true;
    }

    /// <summary>
    /// True when this stamp names a process that still runs here: same machine and boot, the pid exists and
    /// started at the recorded time. Null when this machine cannot tell (another machine or an unknown boot).
    /// </summary>
    internal bool? IsAlive()
    {
        ProcessStamp current = Current;
        if (Host != current.Host) return null;
        if (Boot != current.Boot) return current.Boot == "0" ? null : false; // this machine rebooted since: its owner is gone
        long? start = StartTimeOf(ProcessId);
        return start is long s && s == StartTime;
    }

    /// <summary>
    /// Whether what this stamp's owner left is abandoned: its owner is provably gone, or this machine cannot tell and
    /// <paramref name="quietLongEnough"/> says nothing has changed for long enough.
    /// </summary>
    internal bool IsAbandoned(Func<bool> quietLongEnough) => IsAlive() switch
    {
        true => false,
        false => true,
        null => quietLongEnough(),
    };

    /// <summary>Start time of a process: clock ticks after boot on Linux (/proc), seconds since 1970 elsewhere.</summary>
    private static long? StartTimeOf(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                // Fields after the command name (which may contain spaces and parentheses) are space separated;
                // starttime is field 22 overall, the 20th after ")".
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[19], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return null;
            }
        }
        try
        {
            using Process process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private static string HostTag()
    {
        // FNV-1a of the machine name: short, stable, and no personal name in file names.
        uint hash = 2166136261;
        foreach (char c in Environment.MachineName.ToLowerInvariant()) hash = (hash ^ c) * 16777619;
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static string BootTag()
    {
        try
        {
            if (OperatingSystem.IsLinux())
                return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim().Replace("-", "", StringComparison.Ordinal)[..8];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            // Unknown boot: liveness falls back to the pid and start time, which still change across reboots.
        }
        return "0";
    }

    private static string Base36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value <= 0) return "0";
        Span<char> buffer = stackalloc char[16];
        int i = buffer.Length;
        while (value > 0) { buffer[--i] = digits[(int)(value % 36)]; value /= 36; }
        return new string(buffer[i..]);
    }

    private static bool TryParseBase36(string text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 12) return false;
        foreach (char c in text)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : -1;
            if (digit < 0) return false;
            value = value * 36 + digit;
        }
        return true;
    }
}
