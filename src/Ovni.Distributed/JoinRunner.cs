using Microsoft.Extensions.Logging;
using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// The join of a distributed job, run by its coordinator once the fan-in has enqueued it: every chunk file is checked
/// against the checksum recorded when it was done, then joined frame-exactly (<see cref="ChunkJoin"/>). A join that is
/// interrupted runs again from the same chunks; one that fails marks the job failed without publishing anything.
/// </summary>
internal static class JoinRunner
{
    internal static async Task RunAsync(WorkerContext context, long jobId, CancellationToken cancellationToken)
    {
        ClusterStore store = context.Store;
        JobRow? job = store.StartJoin(jobId, context.Name);
        if (job is null) return;
        try
        {
            var files = new List<string>();
            foreach (var (index, file, sha256) in store.DoneChunks(jobId))
            {
                string path = Path.Combine(job.WorkDir, file);
                if (!File.Exists(path)) throw new OvniException($"chunk {index}'s file '{path}' is missing.") { FilePath = path };
                if (FileChecksum.Sha256(path) != sha256) throw new OvniException($"chunk {index}'s file '{path}' does not match the checksum recorded when it was done.") { FilePath = path };
                files.Add(path);
            }
            ChunkPlan plan = ChunkPlan.FromJson(job.PlanJson);
            if (!SourceIdentity.Compute(job.Source).SameContentAs(plan.Source))
                throw new OvniException($"the source '{job.Source}' changed since the job was planned.") { FilePath = job.Source };
            VideoTimeline timeline = VideoTimeline.Read(job.Source, cancellationToken);
            ConcatenationResult result = await ChunkJoin.JoinAsync(job.Source, timeline, files, job.Output, null, cancellationToken).ConfigureAwait(false);
            string served = context.TransferServer is { } server ? $"; http: {server.SourceRequests} source requests ({server.RangeRequests} with a byte range), {server.Uploads} uploads" : "";
            store.FinishJoin(jobId, context.Name, $"{result.VideoFrames} frames from {files.Count} chunks -> {result.Output}{served}");
            context.Logger.LogInformation("{Worker}: job {Job} joined into {Output}", context.Name, jobId, result.Output);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the coordinator is stopping: Hangfire hands the join out again when it runs next
        }
        catch (Exception e)
        {
            string reason = e is OvniException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            store.FailJoin(jobId, context.Name, reason);
            context.Logger.LogError("{Worker}: join of job {Job} failed: {Reason}", context.Name, jobId, reason);
            throw new ClusterException($"Join of job {jobId} failed: {reason}", e);
        }
    }
}
