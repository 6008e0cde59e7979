using System.ComponentModel;
using System.Diagnostics;

namespace Ovni.Testing;

/// <summary>Runs the ffmpeg/ffprobe command-line tools: the independent reference the tests compare Ovni against.</summary>
internal static class FFmpegCli
{
    internal static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using Process process = Start(tool, start);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }

    /// <summary>Runs a tool and returns its raw stdout bytes (e.g. -f rawvideo -).</summary>
    internal static byte[] RunBytes(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using Process process = Start(tool, start);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
        return buffer.ToArray();
    }

    /// <summary>Runs a tool and returns what it printed on stderr (where ffmpeg's filters report).</summary>
    internal static string RunStdErr(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using Process process = Start(tool, start);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr}");
        return stderr;
    }

    /// <summary>Counts decodable video frames the way ffprobe does.</summary>
    internal static int CountFrames(string path)
    {
        string output = Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path);
        return int.Parse(output.Trim().Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Best-effort presentation timestamps (seconds) of every decoded video frame.</summary>
    internal static double[] FrameTimes(string path)
    {
        string output = Run("ffprobe", "-v", "error", "-select_streams", "v:0",
            "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", path);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.Parse(s.TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Starts a tool; a machine without it skips the test with the reason instead of failing it.</summary>
    private static Process Start(string tool, ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        }
        catch (Win32Exception)
        {
            Assert.Skip($"the {tool} command-line tool is not installed (scripts/install-deps.sh installs it)");
            throw;
        }
    }
}
