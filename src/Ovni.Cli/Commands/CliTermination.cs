using System.Runtime.InteropServices;

namespace Ovni.Cli.Commands;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGHUP into cancellation of the running command. System.CommandLine 2.0 installs
/// no handler unless a termination timeout is configured, and then exits on its own schedule; Ovni handles the
/// signals itself so that every command cancels cleanly: the writer removes its temporary file, the command prints
/// "cancelled: nothing was written" and exits 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP). A second signal forces
/// the exit at once, still removing any temporary file by name (anonymous ones vanish with the process anyway).
/// </summary>
internal sealed class CliTermination : IDisposable
{
    /// <summary>How long a cancelled command may take to wind down before the process exits regardless.</summary>
    private static readonly TimeSpan s_gracePeriod = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;
    private int _exitCode = CliErrors.Cancelled;

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
            _ = Task.Delay(s_gracePeriod).ContinueWith(_ => ForceExit("did not stop in time"), TaskScheduler.Default);
        }
        else
        {
            ForceExit("second signal");
        }
    }

    private void ForceExit(string why)
    {
        IO.TemporaryOutputFile.DeleteAllNamed();
        Console.Error.WriteLine($"ovni: cancelled ({why}): nothing was written.");
        Environment.Exit(ExitCode);
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations) registration.Dispose();
        _cancellation.Dispose();
    }
}
