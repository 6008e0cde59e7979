using System.CommandLine;
using System.Text.Json;
using Ovni.Distributed;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni job list|show|pause|resume|cancel|retry [ID] --cluster "Host=…"</c>.</summary>
internal static class JobCommand
{
    internal static Command Create()
    {
        var job = new Command("job", "Look at and steer distributed chunked jobs.");
        job.Subcommands.Add(List());
        job.Subcommands.Add(Show());
        job.Subcommands.Add(Control("pause", "Stop handing out the job's chunks (running ones finish).", ClusterControl.PauseAsync));
        job.Subcommands.Add(Control("resume", "Hand out a paused job's chunks again.", ClusterControl.ResumeAsync));
        job.Subcommands.Add(Control("cancel", "Stop the job; nothing is published.", ClusterControl.CancelAsync));
        job.Subcommands.Add(Control("retry", "Run a failed or cancelled job again (failed chunks get fresh attempts; finished ones are kept).", ClusterControl.RetryAsync));
        return job;
    }

    private static Option<string> ClusterOption() => new("--cluster") { Description = "PostgreSQL connection string of the cluster.", Required = true };

    private static Command List()
    {
        var cluster = ClusterOption();
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("list", "The most recent jobs.") { cluster, json };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            IReadOnlyList<ClusterJobInfo> jobs = await ClusterControl.ListAsync(ClusterCli.Options(parse.GetValue(cluster)!), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(jobs, CliJson.Options));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("job", "state", "chunks", "frames", "encoder", "output");
            foreach (ClusterJobInfo j in jobs)
                table.AddRow($"{j.Id}", Markup.Escape(j.State), $"{j.ChunksDone}/{j.ChunksTotal}", $"{j.FramesDone}/{j.FramesTotal}", Markup.Escape(j.Encoder), Markup.Escape(j.Output));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var cluster = ClusterOption();
        var id = new Argument<long>("id") { Description = "Job number." };
        var command = new Command("show", "One job with its chunks, as JSON.") { id, cluster };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            ClusterJobInfo info = await ClusterControl.GetAsync(ClusterCli.Options(parse.GetValue(cluster)!), parse.GetValue(id), ct)
                ?? throw new ClusterException($"There is no job {parse.GetValue(id)}.");
            Console.WriteLine(JsonSerializer.Serialize(info, CliJson.Options));
            return 0;
        }));
        return command;
    }

    private static Command Control(string name, string description, Func<ClusterOptions, long, CancellationToken, Task> action)
    {
        var cluster = ClusterOption();
        var id = new Argument<long>("id") { Description = "Job number." };
        var command = new Command(name, description) { id, cluster };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            await action(ClusterCli.Options(parse.GetValue(cluster)!), parse.GetValue(id), ct);
            Console.WriteLine($"job {parse.GetValue(id)}: {name} done");
            return 0;
        }));
        return command;
    }
}
