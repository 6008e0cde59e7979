using System.Net.Sockets;
using Npgsql;

namespace Ovni.Distributed;

/// <summary>
/// Ovni's own tables beside Hangfire's: one row per job (plan, settings, state, the fan-in counter) and per chunk
/// (state, owner and lease, attempts, result), plus an append-only event log (what ran where and when). Connection
/// problems become one clear <see cref="ClusterException"/> naming the server and database, never the password.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    internal ClusterDatabase(ClusterOptions options)
    {
        Options = options;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ClusterException($"The cluster connection string is not valid: {e.Message} (expected e.g. \"Host=db;Database=ovni;Username=ovni;Password=…\").", e);
        }
        Target = $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "?"}";
        _source = NpgsqlDataSource.Create(builder);
        S = '"' + options.Schema.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
    }

    internal ClusterOptions Options { get; }

    /// <summary>Server and database, for messages (no credentials).</summary>
    internal string Target { get; }

    /// <summary>The quoted schema name for SQL.</summary>
    internal string S { get; }

    internal string ConnectionString => Options.ConnectionString;

    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw Describe(e);
        }
    }

    internal NpgsqlConnection Open()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw Describe(e);
        }
    }

    /// <summary>Turns a database error into a sentence a user can act on.</summary>
    internal ClusterException Describe(Exception e)
    {
        string reason = e switch
        {
            PostgresException { SqlState: "3D000" } => "that database does not exist (create it, or fix Database=)",
            PostgresException { SqlState: "28P01" or "28000" } p => $"the server refused the login ({p.MessageText})",
            PostgresException p => p.MessageText,
            NpgsqlException { InnerException: SocketException s } => $"cannot connect ({s.Message}); is PostgreSQL running there and reachable?",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => "the connection timed out; is the host reachable?",
            _ => e.Message,
        };
        return new ClusterException($"Cluster database {Target}: {reason}", e);
    }

    /// <summary>
    /// Creates Ovni's tables when missing or older than this version (serialised by an advisory lock, so many workers may
    /// start at once). A schema already current is left alone: <c>ALTER TABLE … ADD COLUMN IF NOT EXISTS</c> takes the
    /// table's exclusive lock even when the column exists, and taken while workers and coordinators run their
    /// transactions (every <c>ovni job</c> command, every worker start) it deadlocked against them (a CI run: 40P01 from
    /// <c>ovni job resume</c>). A deadlock of the upgrade itself is retried; it changes nothing until it commits.
    /// </summary>
    /// <exception cref="ClusterException">The database cannot be reached or refuses the change.</exception>
    internal async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await IsSchemaCurrentAsync(cancellationToken).ConfigureAwait(false)) return;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await CreateOrUpgradeSchemaAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw Describe(e);
        }
    }

    /// <summary>True when the newest parts of the schema exist (catalog reads only, no table lock).</summary>
    private async Task<bool> IsSchemaCurrentAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = new("""
            SELECT to_regclass(quote_ident(@s) || '.events_job') IS NOT NULL
               AND (SELECT count(*) FROM information_schema.columns
                    WHERE table_schema = @s AND ((table_name = 'jobs' AND column_name = 'kind') OR (table_name = 'chunks' AND column_name = 'work_json'))) = 2
            """, connection);
        command.Parameters.AddWithValue("s", Options.Schema);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private async Task CreateOrUpgradeSchemaAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('ovni-schema'))", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {S};
            CREATE TABLE IF NOT EXISTS {S}.jobs (
                id bigserial PRIMARY KEY,
                plan_id text NOT NULL UNIQUE,
                source text NOT NULL,
                output text NOT NULL,
                work_dir text NOT NULL,
                transfer text NOT NULL,
                http_url text,
                http_token text,
                encoder text NOT NULL,
                queue text NOT NULL,
                join_queue text NOT NULL,
                encoding_json text NOT NULL,
                plan_json text NOT NULL,
                state text NOT NULL,
                chunks_total int NOT NULL,
                chunks_remaining int NOT NULL,
                frames_total bigint NOT NULL,
                max_attempts int NOT NULL,
                join_enqueued int NOT NULL DEFAULT 0,
                join_runs int NOT NULL DEFAULT 0,
                join_done int NOT NULL DEFAULT 0,
                error text,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                finished_at timestamptz);
            CREATE TABLE IF NOT EXISTS {S}.chunks (
                job_id bigint NOT NULL REFERENCES {S}.jobs(id) ON DELETE CASCADE,
                idx int NOT NULL,
                start_frame int NOT NULL,
                frame_count int NOT NULL,
                state text NOT NULL,
                attempts int NOT NULL DEFAULT 0,
                runs int NOT NULL DEFAULT 0,
                owner text,
                worker text,
                lease_until timestamptz,
                frames_done int NOT NULL DEFAULT 0,
                hangfire_id text,
                file text,
                size bigint,
                sha256 text,
                error text,
                enqueued_at timestamptz,
                started_at timestamptz,
                finished_at timestamptz,
                encode_seconds double precision,
                timestamps bigint[] NOT NULL,
                PRIMARY KEY (job_id, idx));
            CREATE TABLE IF NOT EXISTS {S}.events (
                id bigserial PRIMARY KEY,
                job_id bigint NOT NULL,
                at timestamptz NOT NULL DEFAULT clock_timestamp(),
                kind text NOT NULL,
                chunk int,
                worker text,
                detail text);
            CREATE INDEX IF NOT EXISTS events_job ON {S}.events (job_id, id);
            -- Probe jobs (convex-hull probes): no join; each chunk row carries its own work (encoder settings, shot, CRF).
            ALTER TABLE {S}.jobs ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'encode';
            ALTER TABLE {S}.chunks ADD COLUMN IF NOT EXISTS work_json text;
            """, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    internal static void Event(NpgsqlConnection connection, string schema, long job, string kind, int? chunk, string? worker, string? detail)
    {
        using NpgsqlCommand command = Command(connection, $"INSERT INTO {schema}.events (job_id, kind, chunk, worker, detail) VALUES (@j, @k, @c, @w, @d)",
            ("j", job), ("k", kind), ("c", chunk), ("w", worker), ("d", detail));
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
