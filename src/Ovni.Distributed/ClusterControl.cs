namespace Ovni.Distributed;

/// <summary>Looks at and steers distributed jobs: list, show, pause, resume, cancel, retry (what <c>ovni job</c> and the dashboard call).</summary>
public static class ClusterControl
{
    /// <summary>The most recent jobs, newest first.</summary>
    public static Task<IReadOnlyList<ClusterJobInfo>> ListAsync(ClusterOptions cluster, CancellationToken cancellationToken = default) =>
        WithStore(cluster, store => store.ListJobs(), cancellationToken);

    /// <summary>One job with its chunks; null when there is no such job.</summary>
    public static Task<ClusterJobInfo?> GetAsync(ClusterOptions cluster, long job, CancellationToken cancellationToken = default) =>
        WithStore(cluster, store => store.Describe(job, withChunks: true), cancellationToken);

    /// <summary>Workers stop taking the job's chunks (running ones finish).</summary>
    public static Task PauseAsync(ClusterOptions cluster, long job, CancellationToken cancellationToken = default) =>
        WithStore(cluster, store => { store.Pause(job); return 0; }, cancellationToken);

    /// <summary>A paused job's chunks are enqueued again.</summary>
    public static Task ResumeAsync(ClusterOptions cluster, long job, CancellationToken cancellationToken = default) =>
        WithStore(cluster, store => { store.Resume(job); return 0; }, cancellationToken);

    /// <summary>The job stops: queued chunks are dropped, running ones stop at their next heartbeat; nothing is published.</summary>
    public static Task CancelAsync(ClusterOptions cluster, long job, CancellationToken cancellationToken = default) =>
        WithStore(cluster, store => { store.Cancel(job); return 0; }, cancellationToken);

    /// <summary>A failed or cancelled job runs again; failed chunks get fresh attempts, finished chunks are kept.</summary>
    public static Task RetryAsync(ClusterOptions cluster, long job, CancellationToken cancellationToken = default) =>
        WithStore(cluster, store => { store.Retry(job); return 0; }, cancellationToken);

    /// <summary>What happened to a job, in order: (kind, chunk, worker, time, detail).</summary>
    public static Task<IReadOnlyList<(string Kind, int? Chunk, string? Worker, DateTime At, string? Detail)>> EventsAsync(ClusterOptions cluster, long job,
        CancellationToken cancellationToken = default) => WithStore(cluster, store => store.Events(job), cancellationToken);

    private static async Task<T> WithStore<T>(ClusterOptions cluster, Func<ClusterStore, T> action, CancellationToken cancellationToken)
    {
        await using var database = new ClusterDatabase(cluster);
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        _ = HangfireSetup.Storage(database); // Hangfire's tables too: control may enqueue or delete jobs
        return action(new ClusterStore(database));
    }
}
