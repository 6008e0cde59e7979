using System.Text.Json;
using System.Transactions;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Npgsql;
using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// Every state change of a distributed job, each in one database transaction. Where a change must also enqueue
/// Hangfire work (a chunk's retry, the join after the last chunk, a resumed job's chunks) the Hangfire job is created
/// on the same connection inside the same transaction, so both happen or neither does: the fan-in "last chunk done →
/// enqueue the join" is exactly once because the counter row is decremented under its row lock in the transaction
/// that records the chunk done, and only the transaction that brings it to zero enqueues the join.
/// </summary>
internal sealed class ClusterStore
{
    private readonly ClusterDatabase _db;

    internal ClusterStore(ClusterDatabase database) => _db = database;

    internal ClusterDatabase Database => _db;

    private string S => _db.S;

    private T InTransaction<T>(Func<NpgsqlConnection, T> work)
    {
        using var scope = new TransactionScope(TransactionScopeOption.RequiresNew,
            new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted, Timeout = TimeSpan.FromMinutes(2) },
            TransactionScopeAsyncFlowOption.Enabled);
        using NpgsqlConnection connection = _db.Open();
        connection.EnlistTransaction(Transaction.Current);
        try
        {
            T result = work(connection);
            scope.Complete();
            return result;
        }
        catch (NpgsqlException e)
        {
            throw _db.Describe(e);
        }
    }

    // One Hangfire client per open connection: building its storage costs more than creating a job.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<NpgsqlConnection, BackgroundJobClient> _clients = new();

    private BackgroundJobClient Client(NpgsqlConnection connection) =>
        _clients.GetValue(connection, c => new BackgroundJobClient(HangfireSetup.OnConnection(c, _db.Options)));

    private string Enqueue(NpgsqlConnection connection, Job job, string queue) => Client(connection).Create(job, new EnqueuedState(queue));

    private void EnqueueChunk(NpgsqlConnection connection, long job, int chunk, string queue)
    {
        string id = Enqueue(connection, Job.FromExpression<ClusterJobs>(j => j.EncodeChunkAsync(job, chunk, CancellationToken.None)), queue);
        using NpgsqlCommand command = ClusterDatabase.Command(connection,
            $"UPDATE {S}.chunks SET hangfire_id = @h, enqueued_at = clock_timestamp() WHERE job_id = @j AND idx = @i", ("h", id), ("j", job), ("i", chunk));
        command.ExecuteNonQuery();
    }

    private void EnqueueJoin(NpgsqlConnection connection, long job, string queue)
    {
        Enqueue(connection, Job.FromExpression<ClusterJobs>(j => j.JoinAsync(job, CancellationToken.None)), queue);
        using NpgsqlCommand command = ClusterDatabase.Command(connection,
            $"UPDATE {S}.jobs SET state = 'joining', join_enqueued = join_enqueued + 1, updated_at = clock_timestamp() WHERE id = @j", ("j", job));
        command.ExecuteNonQuery();
        ClusterDatabase.Event(connection, S, job, "join-enqueued", null, null, queue);
    }

    private void FinishProbeJob(NpgsqlConnection connection, long job)
    {
        using NpgsqlCommand command = ClusterDatabase.Command(connection,
            $"UPDATE {S}.jobs SET state = 'done', updated_at = clock_timestamp(), finished_at = clock_timestamp() WHERE id = @j", ("j", job));
        command.ExecuteNonQuery();
        ClusterDatabase.Event(connection, S, job, "job-done", null, null, "every probe encoded");
    }

    private void DeleteHangfireJob(NpgsqlConnection connection, string? hangfireId)
    {
        if (hangfireId is null) return;
        Client(connection).Delete(hangfireId);
    }

    // ---- coordinator ----

    internal JobRow? FindByPlan(string planId) => InTransaction(c => ReadJob(c, "plan_id = @p", ("p", planId)));

    internal JobRow? GetJob(long id) => InTransaction(c => ReadJob(c, "id = @id", ("id", id)));

    private JobRow? ReadJob(NpgsqlConnection connection, string where, params (string, object?)[] parameters)
    {
        using NpgsqlCommand command = ClusterDatabase.Command(connection, $"SELECT {JobRow.Columns} FROM {S}.jobs WHERE {where}", parameters);
        using NpgsqlDataReader reader = command.ExecuteReader();
        return reader.Read() ? JobRow.Read(reader) : null;
    }

    /// <summary>Creates the job and its chunks and enqueues every chunk, longest first, in one transaction.</summary>
    internal long CreateJob(ChunkPlan plan, VideoTimeline timeline, string source, string output, string workDir, ClusterCoordinatorOptions cluster,
        VideoEncoderOptions encoding, string? httpUrl, string? httpToken)
    {
        string transfer = cluster.Transfer == ChunkTransferMode.Http ? "http" : "shared";
        int maxAttempts = cluster.MaxAttempts;
        string queue = ChunkQueues.For(encoding.Encoder);
        return InTransaction(c =>
        {
            long id;
            using (NpgsqlCommand insert = ClusterDatabase.Command(c, $"""
                INSERT INTO {S}.jobs (plan_id, source, output, work_dir, transfer, http_url, http_token, encoder, queue, join_queue, encoding_json, plan_json,
                                      state, chunks_total, chunks_remaining, frames_total, max_attempts)
                VALUES (@plan, @source, @output, @work, @transfer, @url, @token, @encoder, @queue, @join, @encoding, @planJson, 'running', @n, @n, @frames, @max)
                RETURNING id
                """,
                ("plan", plan.Id), ("source", source), ("output", output), ("work", workDir), ("transfer", transfer), ("url", httpUrl), ("token", httpToken), ("encoder", encoding.Encoder),
                ("queue", queue), ("join", ChunkQueues.JoinQueue(plan.Id)), ("encoding", JsonSerializer.Serialize(encoding)), ("planJson", plan.ToJson()),
                ("n", plan.Chunks.Count), ("frames", (long)plan.FrameCount), ("max", maxAttempts)))
                id = (long)insert.ExecuteScalar()!;
            foreach (ChunkSpan chunk in plan.Chunks)
            {
                long[] timestamps = timeline.Timestamps.Skip(chunk.StartFrame).Take(chunk.FrameCount).ToArray();
                using NpgsqlCommand add = ClusterDatabase.Command(c,
                    $"INSERT INTO {S}.chunks (job_id, idx, start_frame, frame_count, state, timestamps) VALUES (@j, @i, @s, @n, 'queued', @t)",
                    ("j", id), ("i", chunk.Index), ("s", chunk.StartFrame), ("n", chunk.FrameCount), ("t", timestamps));
                add.ExecuteNonQuery();
            }
            ClusterDatabase.Event(c, S, id, "job-created", null, Environment.MachineName, $"{plan.Chunks.Count} chunks in queue {queue}");
            foreach (ChunkSpan chunk in plan.Chunks.OrderByDescending(ch => ch.LastPts - ch.StartPts).ThenBy(ch => ch.Index))
                EnqueueChunk(c, id, chunk.Index, queue);
            return id;
        });
    }

    /// <summary>
    /// Creates a probe job: one chunk row per piece of work (its frames and its own <see cref="ChunkWork"/>), all enqueued,
    /// longest first, in one transaction. When the last one is done the job is done; nothing is joined.
    /// </summary>
    internal long CreateProbeJob(string planId, ChunkPlan plan, VideoTimeline timeline, string source, string workDir, ClusterCoordinatorOptions cluster,
        string encoder, IReadOnlyList<(ChunkSpan Span, ChunkWork Work)> work, string? httpUrl, string? httpToken)
    {
        string transfer = cluster.Transfer == ChunkTransferMode.Http ? "http" : "shared";
        string queue = ChunkQueues.For(encoder);
        return InTransaction(c =>
        {
            long id;
            using (NpgsqlCommand insert = ClusterDatabase.Command(c, $"""
                INSERT INTO {S}.jobs (plan_id, source, output, work_dir, transfer, http_url, http_token, encoder, queue, join_queue, encoding_json, plan_json,
                                      state, chunks_total, chunks_remaining, frames_total, max_attempts, kind)
                VALUES (@plan, @source, @output, @work, @transfer, @url, @token, @encoder, @queue, '', @encoding, @planJson, 'running', @n, @n, @frames, @max, 'probe')
                RETURNING id
                """,
                ("plan", planId), ("source", source), ("output", workDir), ("work", workDir), ("transfer", transfer), ("url", httpUrl), ("token", httpToken),
                ("encoder", encoder), ("queue", queue), ("encoding", JsonSerializer.Serialize(work[0].Work.Encoding)), ("planJson", plan.ToJson()),
                ("n", work.Count), ("frames", work.Sum(w => (long)w.Span.FrameCount)), ("max", cluster.MaxAttempts)))
                id = (long)insert.ExecuteScalar()!;
            for (int i = 0; i < work.Count; i++)
            {
                ChunkSpan span = work[i].Span;
                long[] timestamps = timeline.Timestamps.Skip(span.StartFrame).Take(span.FrameCount).ToArray();
                using NpgsqlCommand add = ClusterDatabase.Command(c,
                    $"INSERT INTO {S}.chunks (job_id, idx, start_frame, frame_count, state, timestamps, work_json) VALUES (@j, @i, @s, @n, 'queued', @t, @w)",
                    ("j", id), ("i", i), ("s", span.StartFrame), ("n", span.FrameCount), ("t", timestamps), ("w", JsonSerializer.Serialize(work[i].Work)));
                add.ExecuteNonQuery();
            }
            ClusterDatabase.Event(c, S, id, "job-created", null, Environment.MachineName, $"{work.Count} probe encodes in queue {queue}");
            foreach (int i in Enumerable.Range(0, work.Count).OrderByDescending(i => work[i].Span.FrameCount).ThenBy(i => i))
                EnqueueChunk(c, id, i, queue);
            return id;
        });
    }

    /// <summary>A probe job's state and its chunks that are done: (index, file, size, SHA-256, encode seconds).</summary>
    internal (string State, string? Error, IReadOnlyList<(int Index, string File, long Size, string Sha256, double Seconds)> Done) ProbeProgress(long job) => InTransaction(c =>
    {
        JobRow row = ReadJob(c, "id = @id", ("id", job)) ?? throw new ClusterException($"Job {job} was deleted from the cluster database.");
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"SELECT idx, file, size, sha256, coalesce(encode_seconds, 0) FROM {S}.chunks WHERE job_id = @j AND state = 'done' ORDER BY idx", ("j", job));
        using NpgsqlDataReader r = command.ExecuteReader();
        var done = new List<(int, string, long, string, double)>();
        while (r.Read()) done.Add((r.GetInt32(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetDouble(4)));
        return (row.State, row.Error, (IReadOnlyList<(int, string, long, string, double)>)done);
    });

    /// <summary>Chunks of a job some worker is still running under a live lease.</summary>
    internal int LiveChunks(long job) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"SELECT count(*)::int FROM {S}.chunks WHERE job_id = @j AND state = 'running' AND lease_until > clock_timestamp()", ("j", job));
        return (int)command.ExecuteScalar()!;
    });

    internal void SetHttpEndpoint(long job, string url, string token) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"UPDATE {S}.jobs SET http_url = @u, http_token = @t WHERE id = @j", ("u", url), ("t", token), ("j", job));
        return command.ExecuteNonQuery();
    });

    // ---- chunk runner ----

    internal sealed record ClaimResult(bool Claimed, string ChunkState, string JobState, bool LeaseLive, int Runs);

    internal ClaimResult Claim(long job, int chunk, string owner, string worker, TimeSpan lease) => InTransaction(c =>
    {
        using (NpgsqlCommand claim = ClusterDatabase.Command(c, $"""
            UPDATE {S}.chunks AS c SET state = 'running', owner = @o, worker = @w, lease_until = clock_timestamp() + @lease, runs = c.runs + 1,
                   started_at = clock_timestamp(), frames_done = 0
            FROM {S}.jobs AS j
            WHERE c.job_id = @j AND c.idx = @i AND j.id = c.job_id AND j.state = 'running'
              AND (c.state = 'queued' OR (c.state = 'running' AND c.lease_until < clock_timestamp()))
            RETURNING c.runs
            """, ("o", owner), ("w", worker), ("lease", lease), ("j", job), ("i", chunk)))
        {
            object? runs = claim.ExecuteScalar();
            if (runs is int n)
            {
                ClusterDatabase.Event(c, S, job, "chunk-started", chunk, worker, $"run {n}");
                return new ClaimResult(true, "running", "running", true, n);
            }
        }
        using NpgsqlCommand look = ClusterDatabase.Command(c, $"""
            SELECT c.state, j.state, coalesce(c.lease_until > clock_timestamp(), false), c.runs
            FROM {S}.chunks c JOIN {S}.jobs j ON j.id = c.job_id WHERE c.job_id = @j AND c.idx = @i
            """, ("j", job), ("i", chunk));
        using NpgsqlDataReader r = look.ExecuteReader();
        if (!r.Read()) return new ClaimResult(false, "missing", "missing", false, 0);
        return new ClaimResult(false, r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetInt32(3));
    });

    /// <summary>Renews the lease; returns the job's state, or null when this owner no longer holds the chunk.</summary>
    internal string? Heartbeat(long job, int chunk, string owner, int frames, TimeSpan lease) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"""
            UPDATE {S}.chunks AS c SET lease_until = clock_timestamp() + @lease, frames_done = @f
            FROM {S}.jobs AS j WHERE c.job_id = @j AND c.idx = @i AND c.owner = @o AND c.state = 'running' AND j.id = c.job_id
            RETURNING j.state
            """, ("lease", lease), ("f", frames), ("j", job), ("i", chunk), ("o", owner));
        return command.ExecuteScalar() as string;
    });

    /// <summary>
    /// Records the chunk done (if this owner still holds it) and, in the same transaction, decrements the job's
    /// remaining-chunks counter; the transaction that brings it to zero enqueues the join. False: someone else holds it.
    /// </summary>
    internal bool Complete(long job, int chunk, string owner, string worker, string file, long size, string sha256, double seconds) => InTransaction(c =>
    {
        using (NpgsqlCommand done = ClusterDatabase.Command(c, $"""
            UPDATE {S}.chunks SET state = 'done', file = @f, size = @s, sha256 = @h, finished_at = clock_timestamp(), lease_until = NULL,
                   frames_done = frame_count, encode_seconds = @sec, error = NULL
            WHERE job_id = @j AND idx = @i AND owner = @o AND state = 'running'
            """, ("f", file), ("s", size), ("h", sha256), ("sec", seconds), ("j", job), ("i", chunk), ("o", owner)))
            if (done.ExecuteNonQuery() != 1) return false;
        int remaining;
        string state, joinQueue;
        string kind;
        using (NpgsqlCommand count = ClusterDatabase.Command(c, $"""
            UPDATE {S}.jobs SET chunks_remaining = chunks_remaining - 1, updated_at = clock_timestamp() WHERE id = @j
            RETURNING chunks_remaining, state, join_queue, kind
            """, ("j", job)))
        using (NpgsqlDataReader r = count.ExecuteReader())
        {
            r.Read();
            (remaining, state, joinQueue, kind) = (r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3));
        }
        ClusterDatabase.Event(c, S, job, "chunk-done", chunk, worker, $"{file} {size} bytes sha256 {sha256}");
        if (remaining == 0 && state == "running")
        {
            if (kind == "probe") FinishProbeJob(c, job);
            else EnqueueJoin(c, job, joinQueue);
        }
        return true;
    });

    /// <summary>Counts a failure; at the job's limit the job fails naming the chunk, otherwise the chunk is enqueued again.</summary>
    internal (int Attempts, bool JobFailed) Fail(long job, int chunk, string owner, string worker, string error) => InTransaction(c =>
    {
        JobRow row = ReadJob(c, "id = @id", ("id", job)) ?? throw new ClusterException($"Job {job} no longer exists.");
        int attempts;
        string chunkState;
        using (NpgsqlCommand fail = ClusterDatabase.Command(c, $"""
            UPDATE {S}.chunks SET attempts = attempts + 1, error = @e, owner = NULL, lease_until = NULL,
                   state = CASE WHEN attempts + 1 >= @max THEN 'failed' ELSE 'queued' END
            WHERE job_id = @j AND idx = @i AND owner = @o AND state = 'running'
            RETURNING attempts, state
            """, ("e", error), ("max", row.MaxAttempts), ("j", job), ("i", chunk), ("o", owner)))
        using (NpgsqlDataReader r = fail.ExecuteReader())
        {
            if (!r.Read()) return (0, false);
            (attempts, chunkState) = (r.GetInt32(0), r.GetString(1));
        }
        ClusterDatabase.Event(c, S, job, "chunk-failed", chunk, worker, $"attempt {attempts}: {error}");
        if (chunkState == "failed")
        {
            string message = $"chunk {chunk} failed {attempts} times; last error: {error}";
            using NpgsqlCommand stop = ClusterDatabase.Command(c, $"""
                UPDATE {S}.jobs SET state = 'failed', error = @m, updated_at = clock_timestamp(), finished_at = clock_timestamp()
                WHERE id = @j AND state IN ('running', 'paused')
                """, ("m", message), ("j", job));
            stop.ExecuteNonQuery();
            ClusterDatabase.Event(c, S, job, "job-failed", chunk, worker, message);
            return (attempts, true);
        }
        if (row.State == "running") EnqueueChunk(c, job, chunk, row.Queue);
        return (attempts, false);
    });

    /// <summary>Gives a chunk back without counting a failure (the worker is shutting down, or the job was cancelled).</summary>
    internal void Release(long job, int chunk, string owner, string worker, string why) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"""
            UPDATE {S}.chunks SET state = 'queued', owner = NULL, lease_until = NULL, frames_done = 0
            WHERE job_id = @j AND idx = @i AND owner = @o AND state = 'running'
            """, ("j", job), ("i", chunk), ("o", owner));
        if (command.ExecuteNonQuery() == 1) ClusterDatabase.Event(c, S, job, "chunk-released", chunk, worker, why);
        return 0;
    });

    /// <summary>
    /// A paused job's chunk that a worker fetched anyway waits, as paused, for resume. The job row is read under a
    /// share lock first: a resume that committed after this worker saw "paused" has already queued the chunk again
    /// (with a new Hangfire job), and parking it then would leave it paused in a running job for ever.
    /// </summary>
    internal void Park(long job, int chunk) => InTransaction(c =>
    {
        using (NpgsqlCommand state = ClusterDatabase.Command(c, $"SELECT state FROM {S}.jobs WHERE id = @j FOR SHARE", ("j", job)))
            if (state.ExecuteScalar() as string != "paused") return 0;
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"UPDATE {S}.chunks SET state = 'paused' WHERE job_id = @j AND idx = @i AND state = 'queued'", ("j", job), ("i", chunk));
        return command.ExecuteNonQuery();
    });

    /// <summary>A chunk's frames and, for a probe job, its own work (null: the job's encoder settings).</summary>
    internal (ChunkSpan Span, long[] Timestamps, ChunkWork? Work) Chunk(long job, int chunk) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"SELECT start_frame, frame_count, timestamps, work_json FROM {S}.chunks WHERE job_id = @j AND idx = @i", ("j", job), ("i", chunk));
        using NpgsqlDataReader r = command.ExecuteReader();
        if (!r.Read()) throw new ClusterException($"Job {job} has no chunk {chunk}.");
        long[] timestamps = r.GetFieldValue<long[]>(2);
        ChunkWork? work = r.IsDBNull(3) ? null : JsonSerializer.Deserialize<ChunkWork>(r.GetString(3));
        return (new ChunkSpan(chunk, r.GetInt32(0), r.GetInt32(1), timestamps[0], timestamps[^1]), timestamps, work);
    });

    // ---- join ----

    internal JobRow? StartJoin(long job, string worker) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"UPDATE {S}.jobs SET join_runs = join_runs + 1, updated_at = clock_timestamp() WHERE id = @j AND state = 'joining'", ("j", job));
        if (command.ExecuteNonQuery() != 1) return null;
        ClusterDatabase.Event(c, S, job, "join-started", null, worker, null);
        return ReadJob(c, "id = @id", ("id", job));
    });

    internal IReadOnlyList<(int Index, string File, string Sha256)> DoneChunks(long job) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"SELECT idx, file, sha256, state FROM {S}.chunks WHERE job_id = @j ORDER BY idx", ("j", job));
        using NpgsqlDataReader r = command.ExecuteReader();
        var list = new List<(int, string, string)>();
        while (r.Read())
        {
            if (r.GetString(3) != "done") throw new ClusterException($"Job {job}: chunk {r.GetInt32(0)} is {r.GetString(3)}, not done; cannot join.");
            list.Add((r.GetInt32(0), r.GetString(1), r.GetString(2)));
        }
        return (IReadOnlyList<(int, string, string)>)list;
    });

    internal void FinishJoin(long job, string worker, string detail) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"""
            UPDATE {S}.jobs SET state = 'done', join_done = join_done + 1, error = NULL, updated_at = clock_timestamp(), finished_at = clock_timestamp()
            WHERE id = @j AND state = 'joining'
            """, ("j", job));
        int changed = command.ExecuteNonQuery();
        ClusterDatabase.Event(c, S, job, changed == 1 ? "join-done" : "join-discarded", null, worker, detail);
        return changed;
    });

    internal void FailJoin(long job, string worker, string error) => InTransaction(c =>
    {
        string message = $"join failed: {error}";
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"""
            UPDATE {S}.jobs SET state = 'failed', error = @m, updated_at = clock_timestamp(), finished_at = clock_timestamp()
            WHERE id = @j AND state = 'joining'
            """, ("m", message), ("j", job));
        command.ExecuteNonQuery();
        ClusterDatabase.Event(c, S, job, "join-failed", null, worker, error);
        return 0;
    });

    // ---- control ----

    /// <summary>Workers stop taking its chunks (running ones finish); queued Hangfire jobs are deleted.</summary>
    internal void Pause(long job) => InTransaction(c =>
    {
        RequireState(c, job, "paused", "running");
        foreach (var (idx, hangfire) in Chunks(c, job, "queued"))
        {
            DeleteHangfireJob(c, hangfire);
            SetChunkState(c, job, idx, "paused");
        }
        ClusterDatabase.Event(c, S, job, "job-paused", null, Environment.MachineName, null);
        return 0;
    });

    /// <summary>A paused job runs again: its parked chunks are enqueued (or its join, when every chunk is done).</summary>
    internal void Resume(long job) => InTransaction(c =>
    {
        JobRow row = RequireState(c, job, "running", "paused");
        ClusterDatabase.Event(c, S, job, "job-resumed", null, Environment.MachineName, null);
        ReenqueueAll(c, row, resetFailures: false);
        return 0;
    });

    /// <summary>Stops the job for good: queued chunks are dropped, running ones stop at their next heartbeat.</summary>
    internal void Cancel(long job) => InTransaction(c =>
    {
        RequireState(c, job, "cancelled", "running", "paused", "joining", "failed");
        foreach (var (idx, hangfire) in Chunks(c, job, "queued", "paused"))
        {
            DeleteHangfireJob(c, hangfire);
            SetChunkState(c, job, idx, "cancelled");
        }
        using NpgsqlCommand finished = ClusterDatabase.Command(c, $"UPDATE {S}.jobs SET finished_at = clock_timestamp() WHERE id = @j", ("j", job));
        finished.ExecuteNonQuery();
        ClusterDatabase.Event(c, S, job, "job-cancelled", null, Environment.MachineName, null);
        return 0;
    });

    /// <summary>A failed or cancelled job runs again: failed chunks get fresh attempts; done chunks are kept.</summary>
    internal void Retry(long job) => InTransaction(c =>
    {
        JobRow row = RequireState(c, job, "running", "failed", "cancelled");
        using (NpgsqlCommand clear = ClusterDatabase.Command(c, $"UPDATE {S}.jobs SET error = NULL, finished_at = NULL WHERE id = @j", ("j", job)))
            clear.ExecuteNonQuery();
        ClusterDatabase.Event(c, S, job, "job-retried", null, Environment.MachineName, null);
        ReenqueueAll(c, row, resetFailures: true);
        return 0;
    });

    private void ReenqueueAll(NpgsqlConnection c, JobRow row, bool resetFailures)
    {
        if (row.ChunksRemaining == 0)
        {
            if (row.Kind == "probe") FinishProbeJob(c, row.Id);
            else EnqueueJoin(c, row.Id, row.JoinQueue);
            return;
        }
        foreach (var (idx, hangfire) in Chunks(c, row.Id, "queued", "paused", "failed", "cancelled"))
        {
            DeleteHangfireJob(c, hangfire);
            using (NpgsqlCommand reset = ClusterDatabase.Command(c, $"""
                UPDATE {S}.chunks SET state = 'queued', owner = NULL, lease_until = NULL, attempts = CASE WHEN @r THEN 0 ELSE attempts END
                WHERE job_id = @j AND idx = @i
                """, ("r", resetFailures), ("j", row.Id), ("i", idx)))
                reset.ExecuteNonQuery();
            EnqueueChunk(c, row.Id, idx, row.Queue);
        }
    }

    private JobRow RequireState(NpgsqlConnection c, long job, string to, params string[] from)
    {
        JobRow row = ReadJob(c, "id = @id FOR UPDATE", ("id", job)) ?? throw new ClusterException($"There is no job {job} in the cluster database {_db.Target}.");
        if (!from.Contains(row.State))
            throw new ClusterException($"Job {job} is {row.State}; only a job that is {string.Join(" or ", from)} can be set {to}.");
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"UPDATE {S}.jobs SET state = @s, updated_at = clock_timestamp() WHERE id = @j", ("s", to), ("j", job));
        command.ExecuteNonQuery();
        return row;
    }

    private List<(int Index, string? Hangfire)> Chunks(NpgsqlConnection c, long job, params string[] states)
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"SELECT idx, hangfire_id FROM {S}.chunks WHERE job_id = @j AND state = ANY(@s) ORDER BY idx", ("j", job), ("s", states));
        using NpgsqlDataReader r = command.ExecuteReader();
        var list = new List<(int, string?)>();
        while (r.Read()) list.Add((r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1)));
        return list;
    }

    private void SetChunkState(NpgsqlConnection c, long job, int idx, string state)
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c, $"UPDATE {S}.chunks SET state = @s WHERE job_id = @j AND idx = @i", ("s", state), ("j", job), ("i", idx));
        command.ExecuteNonQuery();
    }

    // ---- reading ----

    internal IReadOnlyList<ClusterJobInfo> ListJobs(int limit = 50) => InTransaction(c =>
    {
        var rows = new List<JobRow>();
        using (NpgsqlCommand command = ClusterDatabase.Command(c, $"SELECT {JobRow.Columns} FROM {S}.jobs ORDER BY id DESC LIMIT @n", ("n", limit)))
        using (NpgsqlDataReader r = command.ExecuteReader())
            while (r.Read()) rows.Add(JobRow.Read(r));
        return (IReadOnlyList<ClusterJobInfo>)rows.Select(row => Describe(c, row, withChunks: false)).ToList();
    });

    internal ClusterJobInfo? Describe(long job, bool withChunks) => InTransaction(c =>
    {
        JobRow? row = ReadJob(c, "id = @id", ("id", job));
        return row is null ? null : Describe(c, row, withChunks);
    });

    private ClusterJobInfo Describe(NpgsqlConnection c, JobRow row, bool withChunks)
    {
        var chunks = new List<ClusterChunkInfo>();
        using (NpgsqlCommand command = ClusterDatabase.Command(c, $"""
            SELECT idx, start_frame, frame_count, state, attempts, runs, worker, frames_done, size, error, enqueued_at, started_at, finished_at
            FROM {S}.chunks WHERE job_id = @j ORDER BY idx
            """, ("j", row.Id)))
        using (NpgsqlDataReader r = command.ExecuteReader())
            while (r.Read())
                chunks.Add(new ClusterChunkInfo(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
                    r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt64(8), r.IsDBNull(9) ? null : r.GetString(9),
                    r.IsDBNull(10) ? null : r.GetDateTime(10), r.IsDBNull(11) ? null : r.GetDateTime(11), r.IsDBNull(12) ? null : r.GetDateTime(12)));
        long framesDone = chunks.Sum(ch => ch.State == "done" ? (long)ch.FrameCount : ch.State == "running" ? ch.FramesDone : 0);
        DateTime? firstStart = chunks.Where(ch => ch.StartedAt is not null).Select(ch => ch.StartedAt).Min();
        TimeSpan? eta = null;
        if (row.State == "running" && firstStart is DateTime start && framesDone > 0)
        {
            double seconds = (DateTime.UtcNow - start.ToUniversalTime()).TotalSeconds;
            if (seconds > 1) eta = TimeSpan.FromSeconds((row.FramesTotal - framesDone) / (framesDone / seconds));
        }
        return new ClusterJobInfo
        {
            Id = row.Id, PlanId = row.PlanId, Source = row.Source, Output = row.Output, Encoder = row.Encoder, Queue = row.Queue,
            Transfer = row.Transfer, State = row.State, ChunksTotal = row.ChunksTotal, ChunksDone = row.ChunksTotal - row.ChunksRemaining,
            FramesTotal = row.FramesTotal, FramesDone = framesDone, Eta = eta, Error = row.Error, JoinEnqueued = row.JoinEnqueued,
            JoinRuns = row.JoinRuns, JoinDone = row.JoinDone, CreatedAt = row.CreatedAt, Chunks = withChunks ? chunks : [],
        };
    }

    internal IReadOnlyList<(string Kind, int? Chunk, string? Worker, DateTime At, string? Detail)> Events(long job) => InTransaction(c =>
    {
        using NpgsqlCommand command = ClusterDatabase.Command(c,
            $"SELECT kind, chunk, worker, at, detail FROM {S}.events WHERE job_id = @j ORDER BY id", ("j", job));
        using NpgsqlDataReader r = command.ExecuteReader();
        var list = new List<(string, int?, string?, DateTime, string?)>();
        while (r.Read())
            list.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetDateTime(3), r.IsDBNull(4) ? null : r.GetString(4)));
        return (IReadOnlyList<(string, int?, string?, DateTime, string?)>)list;
    });
}
