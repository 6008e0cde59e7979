using System.Runtime.InteropServices;

namespace Ovni.Cli.Commands;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGHUP into cancellation of the running command. System.CommandLine 2.0 installs
/// no handler unless a termination timeout is configured, and then exits on its own schedule; Ovni handles the
/// signals itself so that every command cancels cleanly: the writer removes its temporary file, the command prints
/// "cancelled: nothing was written" and exits 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP).
/// A command gets <see cref="GracePeriod"/> to wind down (an encoder busy with a frame can starve the threads that do
/// it); after that, or at a second signal, the process removes any named temporary file itself and exits at once.
/// Either way nothing is left: an anonymous temporary file vanishes with the process, and the output is only ever
/// replaced by one atomic rename.
/// </summary>
internal sealed class CliTermination : IDisposable
{
    /// <summary>How long a cancelled command may take to end cleanly before the process exits regardless.</summary>
    internal static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// This run's grace period: commands that hand work back to a queue or a cluster on the way out (auto-encode,
    /// workers) set a longer one; a second signal still exits at once.
    /// </summary>
    internal TimeSpan GracePeriod { get; set; } = DefaultGracePeriod;

    /// <summary>Gives the running command <paramref name="grace"/> to end cleanly after a signal (when the handler is installed).</summary>
    internal static void AllowGrace(TimeSpan grace)
    {
        if (Current is { } termination) termination.GracePeriod = grace;
    }

    private const string CancelledMessage = "ovni: cancelled: nothing was written.";

    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;
    private int _exitCode = CliErrors.Cancelled;
    private int _finished;

    private CliTermination()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    /// <summary>The handler of this process, once installed.</summary>
    internal static CliTermination? Current { get; private set; }

    /// <summary>Cancelled by the first signal.</summary>
    internal CancellationToken Token => _cancellation.Token;

    /// <summary>128 + the signal's number: what a shell reports for a process the signal ended.</summary>
    internal int ExitCode => Volatile.Read(ref _exitCode);

    internal static CliTermination Install() => Current = new CliTermination();

    /// <summary>
    /// The command is ending on its own: true if it got there before a forced exit (which then stays away), false if
    /// the forced exit is already under way (it prints the message and ends the process).
    /// </summary>
    internal bool Finished() => Interlocked.Exchange(ref _finished, 1) == 0;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the command ends itself, cleanly
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Volatile.Write(ref _exitCode, context.Signal switch
            {
                PosixSignal.SIGTERM => 143,
                PosixSignal.SIGHUP => 129,
                _ => CliErrors.Cancelled,
            });
            // Cancellation callbacks run on another thread so this handler returns at once and sees a second signal.
            _ = Task.Run(_cancellation.Cancel);
            // A dedicated thread, not a timer: the thread pool may be starved by the very encoder being cancelled.
            new Thread(() =>
            {
                Thread.Sleep(GracePeriod);
                ForceExit();
            }) { IsBackground = true, Name = "ovni grace period" }.Start();
        }
        else
        {
            ForceExit();
        }
    }

    private void ForceExit()
    {
        if (!Finished()) return;
        MediaWriter.DeleteUnfinishedOutputs();
        Console.Error.WriteLine(CancelledMessage);
        Console.Error.Flush();
        Console.Out.Flush();
        if (OperatingSystem.IsWindows()) Environment.Exit(ExitCode);
        ExitImmediately(ExitCode);
    }

    /// <summary>_exit(2): ends the process without running finalizers or native teardown (an encoder mid-frame).</summary>
    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitImmediately(int status);

    internal static void PrintCancelled() => Console.Error.WriteLine(CancelledMessage);

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations) registration.Dispose();
        _cancellation.Dispose();
    }
}
