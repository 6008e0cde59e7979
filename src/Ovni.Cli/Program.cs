using System.CommandLine;
using Ovni.Cli.Commands;

// ovni: the command-line face of the Ovni library. Each verb lives in Commands/.
var root = new RootCommand("Ovni: fast video pipelines (decode → frame work → encode) on CUDA or CPU.")
{
    TranscodeCommand.Create(),
    ProbeCommand.Create(),
    VmafCommand.Create(),
    ChunkedCommand.Create(),
    WorkerCommand.Create(),
    DashboardCommand.Create(),
    JobCommand.Create(),
};
// Ctrl+C/SIGTERM cancel the running command, which cleans up before exiting (a cluster worker first gives its running
// chunks back, which under load takes a few seconds); System.CommandLine's own default would cut that off after 2 s.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
