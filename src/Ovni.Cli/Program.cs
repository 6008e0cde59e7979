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
return await root.Parse(args).InvokeAsync();
