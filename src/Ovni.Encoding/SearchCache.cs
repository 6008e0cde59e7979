// The search's SQLite cache: probes keyed by everything that decides their result (input identity, sample plan,
// encoder and its arguments, VMAF model, Ovni's metric version) and CRF; sample plans (scene detection included) keyed by
// the input and the planning options. WAL, a busy timeout, and one short transaction per write, so several searches can
// share one file. A repeated search reads every probe from here and encodes nothing.
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ovni.Encoding;

internal sealed class SearchCache : IDisposable
{
    private readonly SqliteConnection _connection;

    private SearchCache(SqliteConnection connection) => _connection = connection;

    internal static SearchCache? Open(string? path)
    {
        if (path is null) return null;
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = false }.ToString());
            connection.Open();
            using SqliteCommand setup = connection.CreateCommand();
            setup.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;
                CREATE TABLE IF NOT EXISTS probes (key TEXT NOT NULL, crf REAL NOT NULL, data TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (key, crf));
                CREATE TABLE IF NOT EXISTS plans (key TEXT PRIMARY KEY, data TEXT NOT NULL, created TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
            return new SearchCache(connection);
        }
        catch (SqliteException e)
        {
            throw new OvniException($"Cannot open the search cache '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    internal ProbeRecord? GetProbe(string key, double crf)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT data FROM probes WHERE key = $key AND crf = $crf";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$crf", crf);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<ProbeRecord>(json) : null;
    }

    internal void PutProbe(string key, ProbeRecord probe)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO probes (key, crf, data, created) VALUES ($key, $crf, $data, $created)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$crf", probe.Crf);
        command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(probe));
        command.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
    }

    internal T? GetPlan<T>(string key) where T : class
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT data FROM plans WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<T>(json) : null;
    }

    internal void PutPlan<T>(string key, T plan)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO plans (key, data, created) VALUES ($key, $data, $created)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(plan));
        command.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
