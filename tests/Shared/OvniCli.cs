using System.Diagnostics;

namespace Ovni.Testing;

/// <summary>The ovni tool as a user runs it: a separate process started from the test's output folder.</summary>
internal static class OvniCli
{
    internal static ProcessStartInfo StartInfo(IDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) start.Environment[k] = v;
        return start;
    }

    internal static (int Code, string Out, string Err) Run(IDictionary<string, string>? env, params string[] args)
    {
        using Process p = Process.Start(StartInfo(env, args))!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    /// <summary>Sends a POSIX signal by name (INT, TERM, KILL) with the kill tool.</summary>
    internal static void Signal(Process process, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>
    /// Waits until the process holds an open file in <paramref name="folder"/> (its temporary output: anonymous files
    /// show in /proc as "folder/#inode (deleted)"), i.e. it is writing. False if it exits first.
    /// </summary>
    internal static bool WaitUntilWriting(Process process, string folder, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                foreach (string fd in Directory.GetFiles($"/proc/{process.Id}/fd"))
                {
                    string? target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith(folder + "/", StringComparison.Ordinal)) return true;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>
    /// Reads the process's stderr to its end; at the first line starting with <paramref name="marker"/> runs
    /// <paramref name="atMarker"/> (the test's check of that moment) and sends SIGINT, as Ctrl+C does. Returns stderr and
    /// whether the marker was reached.
    /// </summary>
    internal static (string Stderr, bool Interrupted) InterruptAt(Process process, string marker, Action atMarker)
    {
        bool interrupted = false;
        var stderr = new System.Text.StringBuilder();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null)
        {
            stderr.AppendLine(line);
            if (!interrupted && line.StartsWith(marker, StringComparison.Ordinal))
            {
                atMarker();
                Signal(process, "INT");
                interrupted = true;
            }
        }
        return (stderr.ToString(), interrupted);
    }
}
