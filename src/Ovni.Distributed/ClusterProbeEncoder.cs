using System.Security.Cryptography;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;
using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// The convex-hull encoder's probes as chunk jobs: each batch (the coarse grid, each refinement round) becomes one probe
/// job whose chunk rows are the probes, each with its own settings (<see cref="ChunkWork"/>), enqueued in the encoder's
/// queue and run by <c>ovni worker</c> machines through the same claim, lease, transfer and retry as any chunk. Files come
/// back into a folder of the batch's own (shared folder, or uploaded with a checksum over HTTP); each is checked against
/// the checksum the worker recorded, moved to its probe path and handed to the hull encoder, which scores it here while
/// the workers go on encoding. Scoring stays here because the shot's lossless reference is here already (workers would
/// otherwise have to cut it again for every probe), the chosen probes must come here anyway to be joined, and the points
/// are then computed by exactly the code a local run uses.
/// </summary>
internal sealed class ClusterProbeEncoder(ClusterCoordinatorOptions cluster, ILogger logger, IProgress<ClusterJobInfo>? progress) : IShotProbeEncoder, IAsyncDisposable
{
    private ClusterDatabase? _database;
    private ClusterStore? _store;
    private TransferServer? _http;
    private string? _token;
    private PostgreSqlStorage? _storage;

    /// <summary>Connects, creates the tables and, in HTTP mode, starts serving the source (before any probe is made).</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        if (cluster.MaxAttempts < 1) throw new OvniException("--max-attempts must be at least 1.");
        _database = new ClusterDatabase(cluster.Cluster);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        _storage = HangfireSetup.Storage(_database); // also creates Hangfire's tables when this is the first process of the cluster
        _store = new ClusterStore(_database);
        if (cluster.Transfer == ChunkTransferMode.Http)
        {
            _http = await TransferServer.StartAsync(cluster.Listen, cluster.Advertise, _store, cancellationToken).ConfigureAwait(false);
            _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        }
    }

    public async Task EncodeAsync(ShotProbeBatch batch, Func<ShotProbe, ChunkRecord, CancellationToken, Task> encoded, CancellationToken cancellationToken)
    {
        ClusterStore store = _store ?? throw new InvalidOperationException("StartAsync first.");
        if (batch.Probes.Count == 0) return;
        string encoder = batch.Probes[0].Encoding.Encoder;
        // Every batch gets a folder of its own: workers' files (and what a killed worker left half-written) go with it.
        string folder = Path.Combine(batch.WorkDirectory, "cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var work = batch.Probes.Select(p => (p.Span, new ChunkWork(p.Encoding, p.Shot, p.Crf))).ToList();
        string planId = $"{batch.Plan.Id}-probes-{Guid.NewGuid():N}";
        long job = store.CreateProbeJob(planId, batch.Plan, batch.Timeline, batch.Input, folder, cluster, encoder, work, _http?.BaseUrl, _token);
        logger.LogInformation("Probe job {Job}: {Probes} probe encodes ({Phase}) in queue {Queue}", job, batch.Probes.Count, batch.Phase, ChunkQueues.For(encoder));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scoring = new List<Task>();
        // As many scorings at once as the hull encoder would run probes here (each uses the threads its probe was given).
        using var gate = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount / Math.Max(1, batch.Probes[0].Encoding.Threads)));
        var handed = new HashSet<int>();
        bool finished = false, warned = false;
        string queue = ChunkQueues.For(encoder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (true)
            {
                var (state, error, done) = store.ProbeProgress(job);
                foreach (var (index, file, size, sha256, seconds) in done.Where(d => !handed.Contains(d.Index)))
                {
                    handed.Add(index);
                    ShotProbe probe = batch.Probes[index];
                    var record = new ChunkRecord(probe.Shot, Path.GetFileName(probe.OutputPath), size, sha256, probe.Span.FrameCount, seconds);
                    scoring.Add(ScoreAsync(probe, record, Path.Combine(folder, file), job, index));
                }
                if (scoring.FirstOrDefault(t => t.IsFaulted || t.IsCanceled) is Task bad) await bad.ConfigureAwait(false);
                if (progress is not null && store.Describe(job, withChunks: true) is ClusterJobInfo info) progress.Report(info);
                if (!warned && clock.Elapsed > TimeSpan.FromSeconds(10) && done.Count == 0 && store.LiveChunks(job) == 0
                    && !_storage!.GetMonitoringApi().Servers().Any(s => s.Queues.Contains(queue)))
                {
                    logger.LogWarning("No worker serves queue {Queue} yet: start `ovni worker` on a machine whose FFmpeg has {Encoder}", queue, encoder);
                    warned = true;
                }
                if (state == "done" && handed.Count == batch.Probes.Count) break;
                if (state == "failed") throw new ClusterException($"Probe job {job} failed: {error}");
                if (state == "cancelled") throw new ClusterException($"Probe job {job} was cancelled (`ovni job cancel`); nothing was published.");
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
            await Task.WhenAll(scoring).ConfigureAwait(false);
            finished = true;
        }
        finally
        {
            if (!finished)
            {
                // Stop what the workers still run (they see it at their next heartbeat) and the scoring here, then wait for
                // the workers to let go before the batch's folder is removed: nothing of this batch is left anywhere.
                failed.Cancel();
                await StopAsync(store, job).ConfigureAwait(false);
                try { await Task.WhenAll(scoring).ConfigureAwait(false); } catch (Exception) { /* the first failure is the one reported */ }
            }
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        async Task ScoreAsync(ShotProbe probe, ChunkRecord record, string delivered, long job, int index)
        {
            await gate.WaitAsync(failed.Token).ConfigureAwait(false);
            try
            {
                // Checked and moved only now, right before the hull encoder takes it over: until then it lies in the batch's
                // folder, which goes whatever happens.
                if (!File.Exists(delivered) || FileChecksum.Sha256(delivered) != record.Sha256)
                    throw new ClusterException($"Probe job {job}: the file of probe {index} (shot {probe.Shot}, CRF {probe.Crf}) is missing or does not match the checksum its worker recorded.");
                File.Move(delivered, probe.OutputPath, overwrite: true);
                await encoded(probe, record, failed.Token).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task StopAsync(ClusterStore store, long job)
    {
        try
        {
            store.Cancel(job);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan patience = cluster.Cluster.Lease + TimeSpan.FromSeconds(10);
            while (store.LiveChunks(job) > 0 && clock.Elapsed < patience)
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            logger.LogWarning("Could not stop probe job {Job}: {Reason}", job, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_http is not null) await _http.DisposeAsync().ConfigureAwait(false);
        if (_database is not null) await _database.DisposeAsync().ConfigureAwait(false);
    }
}
