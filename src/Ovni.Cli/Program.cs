using System.CommandLine;
using System.Runtime.InteropServices;
using Ovni.Cli.Commands;

// ovni: the command-line face of the Ovni library. Each verb lives in Commands/.
using CliTermination termination = CliTermination.Install();
var root = new RootCommand("Ovni: fast video pipelines (decode → frame work → encode) on CUDA or CPU.")
{
    TranscodeCommand.Create(),
    ProbeCommand.Create(),
    VmafCommand.Create(),
    ScenesCommand.Create(),
    CrfSearchCommand.CreateSearch(),
    CrfSearchCommand.CreateEncode(),
    AutoEncodeCommand.Create(),
    QueueCommand.Create(),
    LadderCommand.Create(),
    ChunkedCommand.Create(),
    WorkerCommand.Create(),
    DashboardCommand.Create(),
    JobCommand.Create(),
};
VersionWithSimdAction.Attach(root);
EmptyValues.RefuseIn(root);
// No timeout: System.CommandLine's own signal handling stays off; CliTermination cancels the token instead (commands
// that hand work back on the way out, such as a cluster worker's running chunks, lengthen its grace period).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
int exitCode = await root.Parse(args).InvokeAsync(invocation, termination.Token);
termination.Finished();
return exitCode;

// Internal on purpose: ASP.NET Core (the dashboard and workers) would otherwise generate a public Program, and the tool
// exports no types.
internal partial class Program;
