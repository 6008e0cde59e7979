using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ovni.Encoding.Library;

/// <summary>
/// Keeps the machine from sleeping while files are being worked on and lets it sleep again when the queue is idle.
/// Linux: a <c>systemd-inhibit … cat</c> child holds a logind "sleep:idle" block lock for as long as its stdin is
/// open, so even a killed Ovni releases it (the pipe closes). Windows: SetThreadExecutionState on a thread of our own.
/// macOS: <c>caffeinate -i -w PID</c>. Where none works (no logind in a container), it says so once and carries on.
/// </summary>
internal sealed partial class KeepAwake : IDisposable
{
    private readonly string _inhibitor;
    private readonly Action<string> _log;
    private Process? _child;
    private Thread? _windowsThread;
    private ManualResetEventSlim? _windowsRelease;
    private bool _unavailable;

    internal KeepAwake(Action<string> log, string inhibitor = "systemd-inhibit")
    {
        _log = log;
        _inhibitor = inhibitor;
    }

    /// <summary>True while the machine is being kept awake.</summary>
    internal bool IsHeld => (_child is { HasExited: false }) || _windowsThread is not null;

    /// <summary>Starts keeping the machine awake (no-op when already held or unavailable).</summary>
    internal void Acquire()
    {
        if (IsHeld || _unavailable) return;
        if (OperatingSystem.IsWindows())
        {
            _windowsRelease = new ManualResetEventSlim();
            ManualResetEventSlim release = _windowsRelease;
            _windowsThread = new Thread(() =>
            {
                SetThreadExecutionState(EsContinuous | EsSystemRequired);
                release.Wait();
                SetThreadExecutionState(EsContinuous);
            }) { IsBackground = true, Name = "ovni keep-awake" };
            _windowsThread.Start();
            return;
        }
        var start = OperatingSystem.IsMacOS()
            ? new ProcessStartInfo("caffeinate", ["-i", "-w", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            : new ProcessStartInfo(_inhibitor, ["--what=sleep:idle", "--who=ovni", "--why=re-encoding a media library", "--mode=block", "cat"]);
        start.RedirectStandardInput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        try
        {
            _child = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Unavailable($"{start.FileName} could not be started ({e.Message})");
            return;
        }
        if (_child is not null && _child.WaitForExit(200))
        {
            string error = _child.StandardError.ReadToEnd().Trim();
            _child.Dispose();
            _child = null;
            Unavailable(error.Length > 0 ? error : $"{start.FileName} exited at once");
        }
    }

    /// <summary>Lets the machine sleep again.</summary>
    internal void Release()
    {
        if (_child is Process child)
        {
            _child = null;
            try
            {
                child.StandardInput.Close(); // cat ends, systemd-inhibit releases the lock and exits
                if (!child.WaitForExit(2000)) child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            child.Dispose();
        }
        if (_windowsThread is not null)
        {
            _windowsRelease!.Set();
            _windowsThread.Join(2000);
            _windowsThread = null;
            _windowsRelease.Dispose();
            _windowsRelease = null;
        }
    }

    private void Unavailable(string why)
    {
        _unavailable = true;
        _log($"cannot keep the machine awake: {why}; it may sleep while files are encoded");
    }

    public void Dispose() => Release();

    private const uint EsContinuous = 0x80000000, EsSystemRequired = 0x00000001;

    [LibraryImport("kernel32.dll")]
    private static partial uint SetThreadExecutionState(uint flags);
}
