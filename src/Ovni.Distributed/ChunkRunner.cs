using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// One chunk on one worker: claim it under a lease (a chunk a live worker holds is never started twice), keep the
/// lease alive while encoding, fetch the frames (shared folder path, or HTTP range requests to the coordinator),
/// deliver the result (in the shared folder, or uploaded with its checksum), and record it done — or count the failure.
/// </summary>
internal static class ChunkRunner
{
    internal static async Task RunAsync(WorkerContext context, long jobId, int chunk, CancellationToken cancellationToken)
    {
        ClusterStore store = context.Store;
        string run = Guid.NewGuid().ToString("N");
        string owner = $"{context.Name}/{run}", runTag = run[..8];
        JobRow? job = store.GetJob(jobId);
        if (job is null || job.State is "cancelled" or "failed" or "done" or "joining") return;
        if (job.State == "paused")
        {
            store.Park(jobId, chunk);
            return;
        }

        while (true)
        {
            ClusterStore.ClaimResult claim = store.Claim(jobId, chunk, owner, context.Name, context.Options.Lease);
            if (claim.Claimed) break;
            if (claim is { ChunkState: "running", LeaseLive: true, JobState: "running" })
            {
                // Another worker holds it and is alive: wait, never encode it twice; take over only if its lease runs out.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(context.Options.Lease.TotalMilliseconds / 4, 200, 2000)), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (claim is { JobState: "paused", ChunkState: "queued" }) store.Park(jobId, chunk);
            return;
        }

        var (span, timestamps, work) = store.Chunk(jobId, chunk);
        ChunkPlan plan = ChunkPlan.FromJson(job.PlanJson);
        // A probe chunk carries its own settings (its CRF); a chunk of an encode job uses the job's.
        VideoEncoderOptions encoding = work?.Encoding ?? JsonSerializer.Deserialize<VideoEncoderOptions>(job.EncodingJson)
            ?? throw new ClusterException($"Job {jobId} has no encoder settings.");
        int frames = 0;
        string? abandon = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeatStop = new CancellationTokenSource();
        Task heartbeat = HeartbeatAsync();
        string? local = null;
        try
        {
            string source = SourceLocation(job, context);
            local = LocalOutput(job, context, chunk, runTag);
            context.Logger.LogInformation("{Worker}: encoding chunk {Chunk} of job {Job} ({Frames} frames)", context.Name, chunk, jobId, span.FrameCount);
            var readerOptions = new MediaReaderOptions { Threads = context.DecoderThreads };
            ChunkRecord record = await ChunkEncoder.EncodeAsync(source, span, timestamps, plan.TimeBase, encoding, local,
                new Progress<long>(n => Volatile.Write(ref frames, (int)n)), readerOptions, stop.Token).ConfigureAwait(false);
            string stored = await DeliverAsync(job, context, chunk, owner, local, record, stop.Token).ConfigureAwait(false);
            await StopHeartbeatAsync().ConfigureAwait(false);
            if (!store.Complete(jobId, chunk, owner, context.Name, stored, record.Size, record.Sha256, record.EncodeSeconds))
            {
                context.Logger.LogWarning("{Worker}: chunk {Chunk} of job {Job} was taken over meanwhile; this result is discarded", context.Name, chunk, jobId);
                if (job.Transfer == "shared") DeleteQuietly(Path.Combine(job.WorkDir, stored));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is shutting down: give the chunk back at once (no failure counted); Hangfire requeues the job.
            await StopHeartbeatAsync().ConfigureAwait(false);
            store.Release(jobId, chunk, owner, context.Name, "worker shutting down");
            throw;
        }
        catch (OperationCanceledException) when (abandon is not null)
        {
            await StopHeartbeatAsync().ConfigureAwait(false);
            context.Logger.LogInformation("{Worker}: chunk {Chunk} of job {Job} stopped: {Why}", context.Name, chunk, jobId, abandon);
            if (abandon != "lease lost") store.Release(jobId, chunk, owner, context.Name, abandon);
        }
        catch (Exception e)
        {
            await StopHeartbeatAsync().ConfigureAwait(false);
            string reason = e is OvniException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            var (attempts, jobFailed) = store.Fail(jobId, chunk, owner, context.Name, reason);
            context.Logger.LogWarning("{Worker}: chunk {Chunk} of job {Job} failed (attempt {Attempt}{Final}): {Reason}", context.Name, chunk, jobId, attempts,
                jobFailed ? ", job failed" : "", reason);
            throw new ClusterException($"Chunk {chunk} of job {jobId} failed (attempt {attempts}): {reason}", e);
        }
        finally
        {
            if (local is not null && job.Transfer == "http") DeleteQuietly(local);
        }

        async Task HeartbeatAsync()
        {
            TimeSpan interval = TimeSpan.FromMilliseconds(Math.Max(200, context.Options.Lease.TotalMilliseconds / 5));
            while (!heartbeatStop.IsCancellationRequested)
            {
                try { await Task.Delay(interval, heartbeatStop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                string? state;
                try
                {
                    state = store.Heartbeat(jobId, chunk, owner, Volatile.Read(ref frames), context.Options.Lease);
                }
                catch (ClusterException e)
                {
                    context.Logger.LogWarning("{Worker}: heartbeat of chunk {Chunk} failed: {Reason}", context.Name, chunk, e.Message);
                    continue; // the database may come back before the lease runs out
                }
                if (state is null || state is "cancelled" or "failed")
                {
                    abandon = state is null ? "lease lost" : $"job {state}";
                    stop.Cancel();
                    return;
                }
            }
        }

        async Task StopHeartbeatAsync()
        {
            heartbeatStop.Cancel();
            await heartbeat.ConfigureAwait(false);
        }
    }

    private static string SourceLocation(JobRow job, WorkerContext context)
    {
        if (job.Transfer == "http")
            return $"{job.HttpUrl}/ovni/jobs/{job.Id}/source?token={Uri.EscapeDataString(job.HttpToken ?? "")}";
        if (!File.Exists(job.Source))
            throw new OvniException($"The source '{job.Source}' is not reachable from worker {context.Name} (is the shared folder mounted at the same path here?).") { FilePath = job.Source };
        return job.Source;
    }

    private static string LocalOutput(JobRow job, WorkerContext context, int chunk, string runTag)
    {
        string name = $"chunk-{chunk:D5}.{runTag}.mkv";
        if (job.Transfer == "http")
        {
            string folder = Path.Combine(context.ScratchDirectory, $"job-{job.Id}");
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, name);
        }
        if (!Directory.Exists(job.WorkDir))
            throw new OvniException($"The shared chunk folder '{job.WorkDir}' is not reachable from worker {context.Name} (is it mounted at the same path here?).") { FilePath = job.WorkDir };
        return Path.Combine(job.WorkDir, name);
    }

    /// <summary>Shared mode: the file is already in the shared folder. HTTP mode: upload it with its SHA-256, which the coordinator checks.</summary>
    private static async Task<string> DeliverAsync(JobRow job, WorkerContext context, int chunk, string owner, string local, ChunkRecord record, CancellationToken cancellationToken)
    {
        if (job.Transfer != "http") return Path.GetFileName(local);
        string url = $"{job.HttpUrl}/ovni/jobs/{job.Id}/chunks/{chunk}?owner={Uri.EscapeDataString(owner)}&name={Uri.EscapeDataString(Path.GetFileName(local))}";
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using var file = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                using var content = new StreamContent(file);
                content.Headers.ContentType = new MediaTypeHeaderValue("video/x-matroska");
                using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", job.HttpToken);
                request.Headers.Add(TransferServer.ChecksumHeader, record.Sha256);
                using HttpResponseMessage response = await context.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return body.Trim();
                if (attempt >= 3 || (int)response.StatusCode is >= 400 and < 500 and not 422)
                    throw new OvniException($"Uploading chunk {chunk} to the coordinator failed: {(int)response.StatusCode} {body.Trim()}");
            }
            catch (HttpRequestException e) when (attempt < 3)
            {
                context.Logger.LogWarning("{Worker}: upload of chunk {Chunk} failed ({Reason}); retrying", context.Name, chunk, e.Message);
            }
            catch (HttpRequestException e)
            {
                throw new OvniException($"Cannot upload chunk {chunk} to the coordinator at {job.HttpUrl}: {e.Message}", e);
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    internal static void DeleteQuietly(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
