using System.ComponentModel;
using Hangfire;

namespace Ovni.Distributed;

/// <summary>
/// The background jobs Hangfire runs for Ovni (public only because Hangfire invokes public methods by name; users
/// never call them). Hangfire's own retries are off: Ovni counts a chunk's failures itself and enqueues its retry in
/// the same transaction that records the failure, and a worker that dies is not a failure (its chunk is taken over).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ClusterJobs
{
    private readonly WorkerContext _context;

    internal ClusterJobs(WorkerContext context) => _context = context;

    /// <summary>Encodes one chunk of a job (idempotent: a done chunk, or one a live worker holds, is not encoded again).</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Encode chunk {1} of job {0}")]
    public Task EncodeChunkAsync(long jobId, int chunk, CancellationToken cancellationToken) =>
        ChunkRunner.RunAsync(_context, jobId, chunk, cancellationToken);

    /// <summary>Joins a job's chunks (runs in the job's coordinator, enqueued once by the last chunk's transaction).</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Join job {0}")]
    public Task JoinAsync(long jobId, CancellationToken cancellationToken) =>
        JoinRunner.RunAsync(_context, jobId, cancellationToken);
}
