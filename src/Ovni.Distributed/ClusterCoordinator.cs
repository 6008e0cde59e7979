using System.Diagnostics;
using System.Security.Cryptography;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;
using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// Scene-chunked encoding across machines: plans the chunks here, stores the job in the cluster database and enqueues
/// one Hangfire job per chunk (in one transaction), serves the source and takes the chunks back in HTTP mode, shows
/// progress, and joins the result when the last chunk's transaction enqueues the join. Running the same call again
/// attaches to the job (a failed or cancelled one is retried; finished chunks are kept).
/// </summary>
/// <example>
/// <code>
/// var cluster = new ClusterOptions { ConnectionString = "Host=db;Database=ovni;Username=ovni;Password=…" };
/// await ClusterCoordinator.RunAsync("/share/in.mkv", "/share/out.mkv",
///     new ChunkedEncodeOptions { Encoding = new VideoEncoderOptions { Encoder = "libsvtav1", Crf = 32 } },
///     new ClusterCoordinatorOptions { Cluster = cluster });
/// </code>
/// </example>
public static class ClusterCoordinator
{
    /// <summary>Runs (or attaches to) the distributed job for <paramref name="source"/> → <paramref name="output"/> and waits for it.</summary>
    /// <param name="source">The source; in shared mode, at a path every worker sees too.</param>
    /// <param name="output">The output file.</param>
    /// <param name="options">Encoder, plan and chunk folder (<see cref="ChunkedEncodeOptions.WorkDirectory"/> = the shared folder for chunks).</param>
    /// <param name="cluster">Database, transfer mode, attempts.</param>
    /// <param name="progress">The job's state about twice a second.</param>
    /// <param name="cancellationToken">Stops waiting (the job goes on; run again to attach).</param>
    /// <exception cref="OvniException">Bad input, an unreachable database, a missing shared folder, a failed or cancelled job.</exception>
    public static async Task<ClusterEncodeResult> RunAsync(string source, string output, ChunkedEncodeOptions options, ClusterCoordinatorOptions cluster,
        IProgress<ClusterJobInfo>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        var clock = Stopwatch.StartNew();
        ILogger logger = (options.Configuration ?? OvniConfiguration.Default).Logger;
        ChunkedEncoder.CheckPaths(source, output);
        source = Path.GetFullPath(source);
        output = Path.GetFullPath(output);
        if (cluster.MaxAttempts < 1) throw new OvniException("--max-attempts must be at least 1.");
        if (!ChunkQueues.KnownEncoders.Contains(options.Encoding.Encoder))
            throw new OvniException($"Cluster workers serve the encoders {string.Join(", ", ChunkQueues.KnownEncoders)}; '{options.Encoding.Encoder}' is not one of them.");
        // Per-chunk target quality in cluster mode would store the target in the job row and let ChunkRunner run the
        // selector on the worker before encoding; not built yet, so it is refused rather than silently ignored.
        if (options.PerChunkSettings is not null)
            throw new OvniException("Per-chunk settings (target quality) are not available in cluster mode yet; use a fixed CRF.");
        string workDir = PrepareWorkFolder(options.WorkDirectory, output, cluster.Transfer);

        await using var database = new ClusterDatabase(cluster.Cluster);
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        PostgreSqlStorage storage = HangfireSetup.Storage(database);
        var store = new ClusterStore(database);

        SourceIdentity identity = SourceIdentity.Compute(source);
        VideoTimeline timeline = VideoTimeline.Read(source, cancellationToken);
        string settings = ChunkedEncoder.SettingsText(options);
        string planId = ChunkPlan.MakeId(identity, settings);

        TransferServer? http = null;
        string? token = null;
        if (cluster.Transfer == ChunkTransferMode.Http)
        {
            http = await TransferServer.StartAsync(cluster.Listen, cluster.Advertise, store, cancellationToken).ConfigureAwait(false);
            token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        }
        try
        {
            JobRow? existing = store.FindByPlan(planId);
            bool attached = existing is not null;
            if (existing is { State: "done" } && File.Exists(existing.Output))
                return new ClusterEncodeResult(existing.Id, existing.Output, existing.FramesTotal, existing.ChunksTotal, clock.Elapsed, true);
            long jobId;
            if (existing is null || existing.State == "done")
            {
                if (existing is not null) DeleteJob(database, existing.Id);
                ChunkPlan plan = await ChunkedEncoder.MakePlanAsync(source, identity, settings, timeline, options, cancellationToken).ConfigureAwait(false);
                jobId = store.CreateJob(plan, timeline, source, output, workDir, cluster, options.Encoding, http?.BaseUrl, token);
                logger.LogInformation("Job {Job}: {Chunks} chunks enqueued in {Queue}", jobId, plan.Chunks.Count, ChunkQueues.For(options.Encoding.Encoder));
            }
            else
            {
                jobId = existing.Id;
                if (http is not null) store.SetHttpEndpoint(jobId, http.BaseUrl, token!);
                if (existing.State is "failed" or "cancelled") store.Retry(jobId);
                logger.LogInformation("Attached to job {Job} ({State})", jobId, existing.State);
            }

            var context = new WorkerContext
            {
                Store = store, Options = cluster.Cluster, Name = $"{Environment.MachineName}:{Environment.ProcessId}:coordinator",
                ScratchDirectory = workDir, Logger = logger, TransferServer = http,
            };
            using var server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                Queues = [ChunkQueues.JoinQueue(planId)],
                WorkerCount = 1,
                ServerName = context.Name,
                Activator = new ClusterJobActivator(context),
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                ShutdownTimeout = TimeSpan.FromSeconds(30),
            }, storage);
            ClusterJobInfo final = await WaitAsync(store, storage, jobId, ChunkQueues.For(options.Encoding.Encoder), progress, logger, cancellationToken).ConfigureAwait(false);
            if (!options.KeepChunks) RemoveChunkFiles(workDir, options.WorkDirectory is null);
            return new ClusterEncodeResult(jobId, final.Output, final.FramesTotal, final.ChunksTotal, clock.Elapsed, attached);
        }
        finally
        {
            if (http is not null) await http.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string PrepareWorkFolder(string? given, string output, ChunkTransferMode transfer)
    {
        if (given is not null)
        {
            string full = Path.GetFullPath(given);
            if (!Directory.Exists(full))
                throw new OvniException(transfer == ChunkTransferMode.SharedFolder
                    ? $"The shared chunk folder '{given}' does not exist; mount the share (at the same path on every worker) or create the folder first."
                    : $"The chunk folder '{given}' does not exist.") { FilePath = given };
            return full;
        }
        string folder = ChunkWorkFolder.DefaultFor(output);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<ClusterJobInfo> WaitAsync(ClusterStore store, PostgreSqlStorage storage, long jobId, string queue,
        IProgress<ClusterJobInfo>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        bool warned = false;
        while (true)
        {
            ClusterJobInfo info = store.Describe(jobId, withChunks: true) ?? throw new ClusterException($"Job {jobId} was deleted from the cluster database.");
            progress?.Report(info);
            switch (info.State)
            {
                case "done":
                    return info;
                case "failed":
                    throw new ClusterException($"Job {jobId} failed: {info.Error}. Nothing was published; finished chunks are kept (fix the cause, then `ovni job retry {jobId}` or run the same command again).");
                case "cancelled":
                    throw new ClusterException($"Job {jobId} was cancelled; nothing was published.");
            }
            if (!warned && clock.Elapsed > TimeSpan.FromSeconds(10) && info.State == "running" && info.Chunks.All(c => c.State == "queued"))
            {
                bool served = storage.GetMonitoringApi().Servers().Any(s => s.Queues.Contains(queue));
                if (!served)
                {
                    logger.LogWarning("No worker serves queue {Queue} yet: start `ovni worker` on a machine whose FFmpeg has this encoder", queue);
                    warned = true;
                }
            }
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void DeleteJob(ClusterDatabase database, long job)
    {
        using Npgsql.NpgsqlConnection connection = database.Open();
        using Npgsql.NpgsqlCommand command = ClusterDatabase.Command(connection, $"DELETE FROM {database.S}.jobs WHERE id = @j", ("j", job));
        command.ExecuteNonQuery();
    }

    /// <summary>After success: Ovni's chunk files (and, for the default folder, the folder itself) go; a user's shared folder and its other files stay.</summary>
    private static void RemoveChunkFiles(string workDir, bool ownFolder)
    {
        // Chunk files, superseded runs' chunks, and what killed workers left half-written (".chunk-….partial.mkv").
        foreach (string file in Directory.EnumerateFiles(workDir, "chunk-*").Concat(Directory.EnumerateFiles(workDir, ".chunk-*.partial*")))
            ChunkRunner.DeleteQuietly(file);
        if (ownFolder)
        {
            try { Directory.Delete(workDir, recursive: false); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
