using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;

namespace Ovni.Distributed;

/// <summary>
/// <c>ovni worker</c>: a Hangfire server that encodes chunks. It listens only to the queues of encoders its own FFmpeg
/// has (so it never takes a chunk it cannot encode), is woken by PostgreSQL notifications the moment work is enqueued,
/// keeps each chunk's lease alive while encoding, and on shutdown gives its chunks back at once.
/// </summary>
public static class ClusterWorker
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="options">Database, slots, kinds of work.</param>
    /// <param name="ready">Called once with the queues served, when the worker is listening.</param>
    /// <param name="logger">Where the worker logs.</param>
    /// <param name="cancellationToken">Stops the worker (running chunks are given back).</param>
    /// <exception cref="OvniException">The database cannot be reached, or this machine has none of the encoders asked for.</exception>
    public static async Task RunAsync(ClusterWorkerOptions options, Action<IReadOnlyList<string>>? ready = null, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Slots < 1) throw new OvniException("--slots must be at least 1.");
        logger ??= Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        IReadOnlyList<string> queues = ChunkQueues.ForThisMachine(options.Classes);
        if (queues.Count == 0)
            throw new OvniException($"This machine's FFmpeg has none of the encoders for work of kind {string.Join(", ", options.Classes)} " +
                $"({string.Join(", ", ChunkQueues.KnownEncoders.Where(e => options.Classes.Contains(ChunkQueues.ClassOf(e))))}); nothing to serve.");
        await using var database = new ClusterDatabase(options.Cluster);
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        PostgreSqlStorage storage = HangfireSetup.Storage(database);
        string name = options.Name ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        var context = new WorkerContext
        {
            Store = new ClusterStore(database), Options = options.Cluster, Name = name, Logger = logger, DecoderThreads = options.DecoderThreads,
            ScratchDirectory = options.ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "ovni-worker-" + Environment.ProcessId),
        };
        using (var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            Queues = queues.ToArray(),
            WorkerCount = options.Slots,
            ServerName = name,
            Activator = new ClusterJobActivator(context),
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
            HeartbeatInterval = TimeSpan.FromSeconds(10),
            ServerTimeout = TimeSpan.FromMinutes(1),
            ServerCheckInterval = TimeSpan.FromSeconds(30),
        }, storage))
        {
            logger.LogInformation("Worker {Name}: {Slots} slot(s) on queues {Queues}", name, options.Slots, string.Join(", ", queues));
            ready?.Invoke(queues);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                server.SendStop();
            }
        }
        try { Directory.Delete(context.ScratchDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
