using System.Diagnostics;

namespace Ovni.Chunking.Tests;

/// <summary>The ovni tool as a separate process, as a user (or a kill -9) meets it.</summary>
internal static class OvniProcess
{
    internal static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        // The kill tests recognise "a chunk is being encoded" by its temporary file, so the writers use the named
        // fallback; with an anonymous O_TMPFILE output there is nothing to see until the rename.
        start.Environment["OVNI_NO_TMPFILE"] = "1";
        return start;
    }

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        using Process p = Process.Start(StartInfo(args))!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
