using Npgsql;

namespace Ovni.Distributed.Tests;

/// <summary>Direct looks into the cluster database, to check what the processes did.</summary>
internal sealed class ClusterDb(string connectionString)
{
    internal string ConnectionString { get; } = connectionString;

    internal List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> read, params (string, object)[] parameters)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    internal bool TablesExist() =>
        Query("SELECT to_regclass('ovni.chunks') IS NOT NULL", r => r.GetBoolean(0))[0];

    /// <summary>(chunk, worker) of chunks running with some frames encoded.</summary>
    internal List<(int Chunk, string Worker, int Frames)> Running(long job) => !TablesExist() ? [] :
        Query("SELECT idx, worker, frames_done FROM ovni.chunks WHERE job_id = @j AND state = 'running'", r => (r.GetInt32(0), r.GetString(1), r.GetInt32(2)), ("j", job));

    internal List<(string Kind, int? Chunk, string? Worker)> Events(long job) =>
        Query("SELECT kind, chunk, worker FROM ovni.events WHERE job_id = @j ORDER BY id", r => (r.GetString(0), r.IsDBNull(1) ? (int?)null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)), ("j", job));

    internal string? EventDetail(long job, string kind) =>
        Query("SELECT detail FROM ovni.events WHERE job_id = @j AND kind = @k ORDER BY id DESC LIMIT 1", r => r.IsDBNull(0) ? null : r.GetString(0), ("j", job), ("k", kind)).FirstOrDefault();

    internal string JobState(long job) => Query("SELECT state FROM ovni.jobs WHERE id = @j", r => r.GetString(0), ("j", job)).Single();

    internal long LatestJob() => !TablesExist() ? 0 : Query("SELECT coalesce(max(id), 0) FROM ovni.jobs", r => r.GetInt64(0)).Single();

    internal List<(int Chunk, string State, int Runs, int Attempts)> Chunks(long job) =>
        Query("SELECT idx, state, runs, attempts FROM ovni.chunks WHERE job_id = @j ORDER BY idx", r => (r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), ("j", job));

    /// <summary>Everything the database knows of a job (state, every chunk, every event), for a failing test's message.</summary>
    internal string Report(long job)
    {
        if (!TablesExist()) return "(no cluster tables)";
        var lines = new List<string>();
        lines.AddRange(Query("SELECT state, chunks_remaining, coalesce(error, '') FROM ovni.jobs WHERE id = @j",
            r => $"job {job}: {r.GetString(0)}, {r.GetInt32(1)} chunks remaining {r.GetString(2)}", ("j", job)));
        lines.AddRange(Query("""
            SELECT idx, state, runs, attempts, frames_done, frame_count, coalesce(owner, ''), coalesce(lease_until::text, ''), coalesce(hangfire_id, '')
            FROM ovni.chunks WHERE job_id = @j ORDER BY idx
            """, r => $"  chunk {r.GetInt32(0)}: {r.GetString(1)} runs {r.GetInt32(2)} attempts {r.GetInt32(3)} frames {r.GetInt32(4)}/{r.GetInt32(5)} owner {r.GetString(6)} lease {r.GetString(7)} hangfire {r.GetString(8)}", ("j", job)));
        lines.AddRange(Query("SELECT at::text, kind, coalesce(chunk::text, ''), coalesce(worker, ''), coalesce(detail, '') FROM ovni.events WHERE job_id = @j ORDER BY id",
            r => $"  {r.GetString(0)} {r.GetString(1)} {r.GetString(2)} {r.GetString(3)} {r.GetString(4)}", ("j", job)));
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Seconds from a job's commit to the first worker taking one of its chunks, by Hangfire's own state times: the
    /// last Enqueued state written in the job's transaction (the commit follows it) to the first Processing state.
    /// </summary>
    internal double PickupSeconds(long job) => Query("""
        SELECT extract(epoch FROM (SELECT min(s.createdat) FROM hangfire.state s WHERE s.name = 'Processing' AND s.jobid IN (SELECT hangfire_id::bigint FROM ovni.chunks WHERE job_id = @j))
                                 - (SELECT max(s.createdat) FROM hangfire.state s WHERE s.name = 'Enqueued' AND s.jobid IN (SELECT hangfire_id::bigint FROM ovni.chunks WHERE job_id = @j)))::float8
        """, r => r.GetDouble(0), ("j", job)).Single();
}
