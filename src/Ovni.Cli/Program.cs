using System.CommandLine;
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
    AutoEncodeCommand.Create(),
    QueueCommand.Create(),
    LadderCommand.Create(),
};
// A termination timeout makes System.CommandLine turn SIGINT/SIGTERM into the action's cancellation token (without one
// the process dies on the signal): auto-encode then hands its running files back to the queue before exiting.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
