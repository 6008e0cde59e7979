using System.CommandLine;
using System.Runtime.InteropServices;
using Ovni.Cli.Commands;

// ovni: the command-line face of the Ovni library. Each verb lives in Commands/.
var root = new RootCommand("Ovni: fast video pipelines (decode → frame work → encode) on CUDA or CPU.")
{
    TranscodeCommand.Create(),
    ProbeCommand.Create(),
    VmafCommand.Create(),
    ScenesCommand.Create(),
    CrfSearchCommand.CreateSearch(),
    CrfSearchCommand.CreateEncode(),
};
// Ctrl+C (SIGINT) and SIGTERM cancel the command's token and let it finish: encoders drain, temporary samples and partial
// outputs are removed, and the command returns its own exit code (130 when cancelled). System.CommandLine's own handling
// is off: measured here, a SIGINT during a search ended the process at once and left its sample folder behind.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancel.Token);
