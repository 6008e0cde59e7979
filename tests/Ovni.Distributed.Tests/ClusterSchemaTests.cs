using System.Diagnostics;
using Npgsql;

namespace Ovni.Distributed.Tests;

/// <summary>
/// Every worker start and every `ovni job` command makes sure Ovni's tables exist. A CI run had `ovni job resume` die of a
/// PostgreSQL deadlock there: `ALTER TABLE … ADD COLUMN IF NOT EXISTS` takes the table's exclusive lock even when the
/// column exists, against the transactions of the workers and coordinator already running.
/// </summary>
[Collection("cluster")]
public class ClusterSchemaTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_current_schema_is_checked_without_locking_the_tables_the_cluster_is_using()
    {
        string cs = postgres.NewDatabase();
        var ct = TestContext.Current.CancellationToken;
        await using (var first = new ClusterDatabase(new ClusterOptions { ConnectionString = cs }))
            await first.EnsureSchemaAsync(ct); // creates it

        // A running transaction holds both tables, as a worker's and a coordinator's do.
        await using var busy = new NpgsqlConnection(cs);
        await busy.OpenAsync(ct);
        await using NpgsqlTransaction holding = await busy.BeginTransactionAsync(ct);
        await using (var lockBoth = new NpgsqlCommand("LOCK TABLE ovni.jobs, ovni.chunks IN ROW EXCLUSIVE MODE", busy, holding))
            await lockBoth.ExecuteNonQueryAsync(ct);

        await using var again = new ClusterDatabase(new ClusterOptions { ConnectionString = cs });
        var clock = Stopwatch.StartNew();
        Task check = again.EnsureSchemaAsync(ct);
        // An exclusive lock would wait for the transaction above (for ever, here): the check must not need one.
        Task winner = await Task.WhenAny(check, Task.Delay(TimeSpan.FromSeconds(20), ct));
        Assert.Same(check, winner);
        await check;
        TestContext.Current.SendDiagnosticMessage($"schema check beside a running transaction: {clock.ElapsedMilliseconds} ms");
        await holding.RollbackAsync(ct);
    }

    [Fact]
    public async Task An_older_schema_is_brought_up_to_date()
    {
        string cs = postgres.NewDatabase();
        var ct = TestContext.Current.CancellationToken;
        await using var database = new ClusterDatabase(new ClusterOptions { ConnectionString = cs });
        await database.EnsureSchemaAsync(ct);
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(ct);
            // The schema as it was before probe jobs existed.
            await using var older = new NpgsqlCommand("ALTER TABLE ovni.jobs DROP COLUMN kind; ALTER TABLE ovni.chunks DROP COLUMN work_json", connection);
            await older.ExecuteNonQueryAsync(ct);
        }

        await database.EnsureSchemaAsync(ct);

        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(ct);
            await using var columns = new NpgsqlCommand("""
                SELECT count(*)::int FROM information_schema.columns
                WHERE table_schema = 'ovni' AND ((table_name = 'jobs' AND column_name = 'kind') OR (table_name = 'chunks' AND column_name = 'work_json'))
                """, connection);
            Assert.Equal(2, await columns.ExecuteScalarAsync(ct));
        }
    }
}
