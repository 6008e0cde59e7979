using System.Diagnostics;

namespace Ovni.AutoEncode.Tests;

/// <summary>Runs the ovni tool as a separate process (as a user, or a kill -9, meets it).</summary>
internal static class CliRunner
{
    internal static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_TieredPGO"] = "0";
        return Process.Start(start)!;
    }

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        using Process p = Start(args);
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
