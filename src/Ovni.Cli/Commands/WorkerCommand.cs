using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ovni.Distributed;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni worker --cluster "Host=…" [--slots N] [--queues cpu,gpu]</c>: encodes chunks of distributed jobs until stopped.</summary>
internal static class WorkerCommand
{
    internal static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "PostgreSQL connection string of the cluster.", Required = true };
        var slots = new Option<int>("--slots") { Description = "Chunks encoded at once on this machine.", DefaultValueFactory = _ => 1 };
        var queues = new Option<string>("--queues") { Description = "Kinds of work: cpu, gpu or cpu,gpu (each only for encoders this FFmpeg has).", DefaultValueFactory = _ => "cpu,gpu" };
        var name = new Option<string?>("--name") { Description = "This worker's name in the cluster (default machine:pid)." };
        var lease = ClusterCli.LeaseOption();
        var command = new Command("worker", "Run a cluster worker: encode chunks of `ovni chunked --cluster` jobs (Ctrl+C gives running chunks back).")
        {
            cluster, slots, queues, name, lease,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Running chunks are handed back (to the done-log or the cluster) on the way out; under load that takes seconds.
            CliTermination.AllowGrace(TimeSpan.FromSeconds(30));
            ClusterCli.QuietEncoderBanners();
            using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
                .SetMinimumLevel(LogLevel.Information).AddFilter("Hangfire", LogLevel.Warning));
            var options = new ClusterWorkerOptions
            {
                Cluster = ClusterCli.Options(parse.GetValue(cluster)!, parse.GetValue(lease)),
                Slots = parse.GetValue(slots),
                Classes = parse.GetValue(queues)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Name = parse.GetValue(name),
            };
            try
            {
                await ClusterWorker.RunAsync(options, q => Console.WriteLine($"ovni worker ready: {options.Slots} slot(s), queues {string.Join(",", q)}"),
                    logging.CreateLogger("ovni.worker"), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            return 0;
        }));
        return command;
    }
}
