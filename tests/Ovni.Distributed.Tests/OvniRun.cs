using System.Diagnostics;
using System.Text;

namespace Ovni.Distributed.Tests;

/// <summary>A running `ovni` process whose output is collected as it comes; killed (-9) or stopped (SIGTERM) on demand.</summary>
internal sealed class OvniRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new(), _err = new();
    private readonly Lock _gate = new();

    private OvniRun(string[] args)
    {
        Args = args;
        _process = Process.Start(OvniProcess.StartInfo(args))!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _err.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    internal string[] Args { get; }

    internal static OvniRun Start(params string[] args) => new(args);

    internal int Pid => _process.Id;

    internal bool HasExited => _process.HasExited;

    internal string Output { get { lock (_gate) return _out.ToString(); } }

    internal string Errors { get { lock (_gate) return _err.ToString(); } }

    internal string All => $"[stdout]\n{Output}\n[stderr]\n{Errors}{(_process.HasExited ? $"\n[exited with code {_process.ExitCode}]" : "")}";

    /// <summary>Waits until the process printed <paramref name="text"/>; false if it exited or the time ran out.</summary>
    internal bool WaitForOutput(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (_process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(50);
        }
        return false;
    }

    /// <param name="context">What else a timeout's message should show (the workers' output, the job's rows in the database).</param>
    internal int WaitForExit(TimeSpan timeout, Func<string>? context = null)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            string more = "";
            try { more = context is null ? "" : $"\n{context()}"; }
            catch (Exception e) when (e is not OutOfMemoryException) { more = $"\n(context unavailable: {e.Message})"; }
            throw new TimeoutException($"ovni {string.Join(' ', Args)} did not finish in {timeout}: {All}{more}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>kill -9: no cleanup of any kind, as in a power cut of that machine.</summary>
    internal void Kill9()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the graceful stop a service manager sends.</summary>
    internal void Stop(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
        if (!_process.WaitForExit(timeout)) _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
