using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ovni.Distributed;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni dashboard --cluster "Host=…" [--listen URL] [--access-token T]</c>: Hangfire's dashboard plus Ovni's job page.</summary>
internal static class DashboardCommand
{
    internal static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "PostgreSQL connection string of the cluster.", Required = true };
        var listen = new Option<string>("--listen") { Description = "Address to serve on (default http://127.0.0.1:5080: this machine only).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var token = new Option<string?>("--access-token") { Description = "Lets other machines in with this secret (Bearer header, or ?token= once); needed to listen beyond loopback." };
        var command = new Command("dashboard", "Serve the cluster dashboard: jobs, chunks, ETA, pause/resume/cancel/retry, and Hangfire's own pages.")
        {
            cluster, listen, token,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Its web host stops cleanly on the way out; under load that takes seconds.
            CliTermination.AllowGrace(TimeSpan.FromSeconds(30));
            using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var options = new ClusterDashboardOptions
            {
                Cluster = ClusterCli.Options(parse.GetValue(cluster)!),
                Listen = parse.GetValue(listen)!,
                AccessToken = parse.GetValue(token),
            };
            try
            {
                await ClusterDashboard.RunAsync(options, url => Console.WriteLine($"ovni dashboard on {url}"), logging.CreateLogger("ovni.dashboard"), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            return 0;
        }));
        return command;
    }
}
