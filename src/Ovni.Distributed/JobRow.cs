using Npgsql;

namespace Ovni.Distributed;

/// <summary>One row of ovni.jobs, as the job runners need it.</summary>
/// <remarks><see cref="Kind"/>: "encode" (chunks joined into the output) or "probe" (chunk files handed back one by one, no join).</remarks>
internal sealed record JobRow(long Id, string PlanId, string Source, string Output, string WorkDir, string Transfer, string? HttpUrl, string? HttpToken,
    string Encoder, string Queue, string JoinQueue, string EncodingJson, string PlanJson, string State, int ChunksTotal, int ChunksRemaining,
    long FramesTotal, int MaxAttempts, int JoinEnqueued, int JoinRuns, int JoinDone, string? Error, DateTime CreatedAt, string Kind)
{
    internal const string Columns = "id, plan_id, source, output, work_dir, transfer, http_url, http_token, encoder, queue, join_queue, encoding_json, " +
                                    "plan_json, state, chunks_total, chunks_remaining, frames_total, max_attempts, join_enqueued, join_runs, join_done, error, created_at, kind";

    internal static JobRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10),
        r.GetString(11), r.GetString(12), r.GetString(13), r.GetInt32(14), r.GetInt32(15), r.GetInt64(16), r.GetInt32(17),
        r.GetInt32(18), r.GetInt32(19), r.GetInt32(20), r.IsDBNull(21) ? null : r.GetString(21), r.GetDateTime(22), r.GetString(23));
}
