using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ovni.Encoding.Library;

/// <summary>
/// The persistent queue: an embedded SQLite database in WAL mode. One connection per process does every write
/// under one lock (one writer), each state change is a single short statement or transaction, and other
/// processes (<c>ovni queue …</c> while a run is going) wait on the busy timeout instead of failing, so the queue
/// can never wedge on "database is locked". Nothing here holds a transaction across I/O or encoding.
/// </summary>
internal sealed class JobStore : IDisposable
{
    internal const int BusyTimeoutMs = 10_000;
    private const string Columns = "id,path,root,size,mtime,state,reason,attempts,not_before,owner,lease_until,work_dir,output_path,output_size," +
                                   "output_id,quarantine_path,crf,vmaf,encoder,duration,width,height,codec,frames,encode_seconds,eta_key,added,updated,finished," +
                                   "action,temp_path,interruptions";
    /// <summary>Pending jobs whose wait is over, and failed ones whose retry back-off is over (permanent failures have no time).</summary>
    private const string Runnable = "((state='pending' AND (not_before IS NULL OR not_before<=@n)) OR (state='failed' AND not_before IS NOT NULL AND not_before<=@n))";
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private JobStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file (":memory:" for dry runs).</summary>
    internal string Path { get; }

    /// <summary>Opens (creating when missing) the database at <paramref name="path"/>.</summary>
    internal static JobStore Open(string path, bool readOnly = false)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!readOnly) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        else if (!File.Exists(full)) throw new OvniException($"No queue database at '{full}' (run `ovni auto-encode` first, or give --db).") { FilePath = full };
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new OvniException($"Cannot open the queue database '{full}': {e.Message}", e) { FilePath = full };
        }
        var store = new JobStore(connection, full);
        store.Initialise(readOnly);
        return store;
    }

    /// <summary>An in-memory database (dry runs), optionally seeded with a copy of an existing one.</summary>
    internal static JobStore OpenInMemory(string? copyFrom = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        if (copyFrom is not null && File.Exists(copyFrom))
        {
            try
            {
                using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copyFrom, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                source.Open();
                source.BackupDatabase(connection);
            }
            catch (SqliteException)
            {
                // An unreadable database only means the dry run starts from an empty queue.
            }
        }
        var store = new JobStore(connection, ":memory:");
        store.Initialise(readOnly: false);
        return store;
    }

    private void Initialise(bool readOnly)
    {
        Exec($"PRAGMA busy_timeout={BusyTimeoutMs}");
        if (readOnly) return;
        if (Path != ":memory:") Exec("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode survives any crash of the process; the commits that must also survive a power cut (the
        // publish record before its rename, the done record after it) are made with FULL by Durably().
        Exec("PRAGMA synchronous=NORMAL");
        Exec("""
            CREATE TABLE IF NOT EXISTS jobs(
              id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, root TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
              state TEXT NOT NULL, reason TEXT, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER,
              owner TEXT, lease_until INTEGER, work_dir TEXT, output_path TEXT, output_size INTEGER, output_id TEXT, quarantine_path TEXT,
              crf INTEGER, vmaf REAL, encoder TEXT, duration REAL, width INTEGER, height INTEGER, codec TEXT, frames INTEGER,
              encode_seconds REAL, eta_key TEXT, added INTEGER NOT NULL, updated INTEGER NOT NULL, finished INTEGER,
              action TEXT, temp_path TEXT, interruptions INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
            CREATE TABLE IF NOT EXISTS outputs(id INTEGER PRIMARY KEY, job INTEGER NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
              mtime INTEGER NOT NULL, source_path TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS outputs_path ON outputs(path);
            CREATE TABLE IF NOT EXISTS eta(key TEXT PRIMARY KEY, seconds_per_frame REAL NOT NULL, samples INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS control(key TEXT PRIMARY KEY, value TEXT);
            """);
    }

    // ---------- scanning ----------

    /// <summary>Path → (size, mtime, state) of every job: one query, so a rescan compares in memory.</summary>
    internal Dictionary<string, (long Size, long Mtime, JobState State)> LoadIndex()
    {
        var index = new Dictionary<string, (long, long, JobState)>(StringComparer.Ordinal);
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT path,size,mtime,state FROM jobs");
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read()) index[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), JobStates.Parse(reader.GetString(3)));
        }
        return index;
    }

    /// <summary>Path → (size, mtime) of every published output, so rescans never queue Ovni's own outputs.</summary>
    internal Dictionary<string, (long Size, long Mtime)> LoadOutputs()
    {
        var index = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT path,size,mtime FROM outputs");
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read()) index[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return index;
    }

    /// <summary>Records a scan's findings in batches of short transactions.</summary>
    internal void ApplyScan(IReadOnlyList<ScannedFile> added, IReadOnlyList<ScannedFile> changed, IReadOnlyList<string> missing)
    {
        long now = Now();
        foreach (ScannedFile[] batch in added.Chunk(500))
            InTransaction(() =>
            {
                foreach (ScannedFile f in batch)
                    Exec("INSERT INTO jobs(path,root,size,mtime,state,added,updated) VALUES(@p,@r,@s,@m,'pending',@n,@n) ON CONFLICT(path) DO NOTHING",
                        ("@p", f.Path), ("@r", f.Root), ("@s", f.Size), ("@m", f.Mtime), ("@n", now));
            });
        foreach (ScannedFile[] batch in changed.Chunk(500))
            InTransaction(() =>
            {
                foreach (ScannedFile f in batch)
                    Exec($"UPDATE jobs SET size=@s,mtime=@m,state='pending',reason='changed since last scan',attempts=0,not_before=NULL,updated=@n WHERE path=@p AND state NOT IN ({JobStates.ActiveList})",
                        ("@p", f.Path), ("@s", f.Size), ("@m", f.Mtime), ("@n", now));
            });
        foreach (string[] batch in missing.Chunk(500))
            InTransaction(() =>
            {
                foreach (string path in batch)
                    Exec("UPDATE jobs SET state='excluded',reason='the file is gone',updated=@n WHERE path=@p AND state IN ('pending','failed','skipped')",
                        ("@p", path), ("@n", now));
            });
    }

    /// <summary>Queues one file found by the watcher: new → pending; known with another size/mtime → pending again. False when nothing changed.</summary>
    internal bool Upsert(ScannedFile f)
    {
        if (Scalar("SELECT 1 FROM outputs WHERE path=@p AND size=@s AND mtime=@m", ("@p", f.Path), ("@s", f.Size), ("@m", f.Mtime)) is not null) return false;
        long now = Now();
        return Exec($"""
            INSERT INTO jobs(path,root,size,mtime,state,added,updated) VALUES(@p,@r,@s,@m,'pending',@n,@n)
            ON CONFLICT(path) DO UPDATE SET size=@s,mtime=@m,state='pending',reason='changed since last scan',attempts=0,not_before=NULL,updated=@n
            WHERE (size<>@s OR mtime<>@m) AND state NOT IN ({JobStates.ActiveList})
            """, ("@p", f.Path), ("@r", f.Root), ("@s", f.Size), ("@m", f.Mtime), ("@n", now)) > 0;
    }

    // ---------- claiming and state changes ----------

    /// <summary>Takes the next runnable pending job for <paramref name="owner"/> (state → scanning, lease set), or null.</summary>
    internal QueueEntry? ClaimNext(string owner, TimeSpan lease)
    {
        long now = Now();
        lock (_gate)
        {
            using SqliteCommand command = Command($"""
                UPDATE jobs SET state='scanning',owner=@o,lease_until=@l,updated=@n,reason=NULL
                WHERE id=(SELECT id FROM jobs WHERE {Runnable} ORDER BY id LIMIT 1)
                RETURNING {Columns}
                """, ("@o", owner), ("@l", now + lease.Ticks), ("@n", now));
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <summary>
    /// Changes an active job's state (and columns) if <paramref name="owner"/> still holds it; false when the job was
    /// taken away (reclaimed), so a late writer can never overwrite what another runner decided.
    /// </summary>
    internal bool Update(long id, string owner, JobState state, string? reason, params (string Column, object? Value)[] columns)
    {
        string sets = string.Concat(columns.Select((c, i) => $",{c.Column}=@c{i}"));
        bool terminal = !JobStates.IsActive(state);
        var parameters = new List<(string, object?)> { ("@id", id), ("@o", owner), ("@st", JobStates.Name(state)), ("@why", reason), ("@n", Now()) };
        parameters.AddRange(columns.Select((c, i) => ($"@c{i}", c.Value)));
        string release = terminal ? ",owner=NULL,lease_until=NULL" : "";
        string finished = state is JobState.Done or JobState.Skipped or JobState.Failed or JobState.Excluded ? ",finished=@n" : "";
        return Exec($"UPDATE jobs SET state=@st,reason=@why,updated=@n{release}{finished}{sets} WHERE id=@id AND owner=@o", parameters.ToArray()) == 1;
    }

    /// <summary>Marks a job done and records its output, in one transaction (the output row makes rescans ignore it).</summary>
    internal bool Finish(long id, string owner, string reason, PublishedOutput output, params (string Column, object? Value)[] columns)
    {
        bool ok = false;
        InTransaction(() =>
        {
            ok = Update(id, owner, JobState.Done, reason, columns);
            if (!ok) return;
            Exec("INSERT INTO outputs(job,path,size,mtime,source_path,at) VALUES(@j,@p,@s,@m,@src,@n)",
                ("@j", id), ("@p", output.Path), ("@s", output.Size), ("@m", output.Mtime), ("@src", output.SourcePath), ("@n", Now()));
            if (output.NewSourceSize is long size)
                Exec("UPDATE jobs SET size=@s,mtime=@m WHERE id=@j", ("@j", id), ("@s", size), ("@m", output.NewSourceMtime));
        });
        return ok;
    }

    /// <summary>Renews the lease of every job <paramref name="owner"/> holds.</summary>
    internal int Heartbeat(string owner, TimeSpan lease) =>
        Exec($"UPDATE jobs SET lease_until=@l WHERE owner=@o AND state IN ({JobStates.ActiveList})", ("@o", owner), ("@l", Now() + lease.Ticks));

    /// <summary>Active jobs whose owner is gone: lease expired, or <paramref name="isDead"/> says so.</summary>
    internal List<QueueEntry> Orphans(Func<string, bool> isDead)
    {
        long now = Now();
        return Query($"SELECT {Columns} FROM jobs WHERE state IN ({JobStates.ActiveList})")
            .Where(e => e.Owner is null || e.LeaseUntil is null || e.LeaseUntil.Value.Ticks < now || isDead(e.Owner)).ToList();
    }

    /// <summary>Puts a reclaimed job back to pending (its temporary files are already deleted).</summary>
    internal void Release(long id, string? expectedOwner, string reason, bool interrupted = false, TimeSpan? wait = null) =>
        Exec("UPDATE jobs SET state='pending',reason=@why,owner=NULL,lease_until=NULL,work_dir=NULL,temp_path=NULL,not_before=@nb,updated=@n," +
             "interruptions=interruptions+@i WHERE id=@id AND (owner IS @o OR @o IS NULL)",
            ("@id", id), ("@o", expectedOwner), ("@why", reason), ("@n", Now()), ("@i", interrupted ? 1 : 0), ("@nb", wait is TimeSpan w ? Now() + w.Ticks : null));

    /// <summary>Takes over an orphaned job so that recovery writes go through the normal owner check.</summary>
    internal bool Adopt(long id, string? previousOwner, string owner, TimeSpan lease) =>
        Exec("UPDATE jobs SET owner=@o,lease_until=@l WHERE id=@id AND owner IS @p", ("@id", id), ("@p", previousOwner), ("@o", owner), ("@l", Now() + lease.Ticks)) == 1;

    // ---------- user commands ----------

    internal int Retry(long id) =>
        Exec($"UPDATE jobs SET state='pending',reason='retried by the user',attempts=0,not_before=NULL,updated=@n WHERE id=@id AND state NOT IN ({JobStates.ActiveList},'done')",
            ("@id", id), ("@n", Now()));

    internal int Remove(long id) =>
        Exec($"UPDATE jobs SET state='excluded',reason='removed by the user',updated=@n WHERE id=@id AND state NOT IN ({JobStates.ActiveList},'done')",
            ("@id", id), ("@n", Now()));

    internal void SetRolledBack(long id) => InTransaction(() =>
    {
        Exec("UPDATE jobs SET state='excluded',reason='rolled back by the user: the original is back',quarantine_path=NULL,updated=@n WHERE id=@id", ("@id", id), ("@n", Now()));
        Exec("DELETE FROM outputs WHERE job=@id", ("@id", id));
    });

    internal void ClearQuarantine(long id) => Exec("UPDATE jobs SET quarantine_path=NULL,updated=@n WHERE id=@id", ("@id", id), ("@n", Now()));

    internal void SetColumns(long id, params (string Column, object? Value)[] columns)
    {
        string sets = string.Join(",", columns.Select((c, i) => $"{c.Column}=@c{i}"));
        Exec($"UPDATE jobs SET {sets} WHERE id=@id", [("@id", id), .. columns.Select((c, i) => ($"@c{i}", c.Value))]);
    }

    // ---------- control and ETA ----------

    internal string? GetControl(string key)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT value FROM control WHERE key=@k", ("@k", key));
            return command.ExecuteScalar() as string;
        }
    }

    internal void SetControl(string key, string? value)
    {
        if (value is null) Exec("DELETE FROM control WHERE key=@k", ("@k", key));
        else Exec("INSERT INTO control(key,value) VALUES(@k,@v) ON CONFLICT(key) DO UPDATE SET value=@v", ("@k", key), ("@v", value));
    }

    internal Dictionary<string, (double SecondsPerFrame, int Samples)> LoadEta()
    {
        var result = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT key,seconds_per_frame,samples FROM eta");
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read()) result[reader.GetString(0)] = (reader.GetDouble(1), reader.GetInt32(2));
        }
        return result;
    }

    internal void SaveEta(string key, double secondsPerFrame, int samples) =>
        Exec("INSERT INTO eta(key,seconds_per_frame,samples) VALUES(@k,@v,@s) ON CONFLICT(key) DO UPDATE SET seconds_per_frame=@v,samples=@s",
            ("@k", key), ("@v", secondsPerFrame), ("@s", samples));

    // ---------- reading ----------

    internal QueueEntry? Get(long id) => Query($"SELECT {Columns} FROM jobs WHERE id=@id", ("@id", id)).FirstOrDefault();

    internal QueueEntry? FindByPath(string path) =>
        Query($"SELECT {Columns} FROM jobs WHERE path=@p OR output_path=@p OR quarantine_path=@p ORDER BY id LIMIT 1", ("@p", path)).FirstOrDefault();

    internal List<QueueEntry> List(JobState? state = null) => state is JobState s
        ? Query($"SELECT {Columns} FROM jobs WHERE state=@s ORDER BY id", ("@s", JobStates.Name(s)))
        : Query($"SELECT {Columns} FROM jobs ORDER BY id");

    internal int CountRunnable() =>
        Convert.ToInt32(Scalar("SELECT COUNT(*) FROM jobs WHERE " + Runnable, ("@n", Now())), CultureInfo.InvariantCulture);

    internal DateTime? NextWake()
    {
        object? value = Scalar("SELECT MIN(not_before) FROM jobs WHERE state IN ('pending','failed') AND not_before>@n", ("@n", Now()));
        return value is long ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
    }

    internal List<(long Job, string Path, string SourcePath)> Outputs() => QueryRaw("SELECT job,path,source_path FROM outputs ORDER BY id",
        r => (r.GetInt64(0), r.GetString(1), r.GetString(2)));

    /// <summary>Runs <paramref name="body"/> with every commit synced to disk (WAL included) before it returns.</summary>
    internal T Durably<T>(Func<T> body)
    {
        lock (_gate)
        {
            if (Path == ":memory:") return body();
            Exec("PRAGMA synchronous=FULL");
            try { return body(); }
            finally { Exec("PRAGMA synchronous=NORMAL"); }
        }
    }

    // ---------- plumbing ----------

    private static long Now() => DateTime.UtcNow.Ticks;

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = BusyTimeoutMs / 1000;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Exec(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command(sql, parameters);
            try
            {
                return command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                throw new OvniException($"Queue database '{Path}': {e.Message}", e) { FilePath = Path };
            }
        }
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command(sql, parameters);
            return command.ExecuteScalar();
        }
    }

    private void InTransaction(Action body)
    {
        lock (_gate)
        {
            // BEGIN IMMEDIATE takes the write lock at once, so a concurrent writer waits on the busy timeout up front
            // instead of failing half-way with SQLITE_BUSY on a deferred upgrade.
            using (SqliteCommand begin = Command("BEGIN IMMEDIATE")) begin.ExecuteNonQuery();
            try
            {
                body();
                using SqliteCommand commit = Command("COMMIT");
                commit.ExecuteNonQuery();
            }
            catch
            {
                using SqliteCommand rollback = Command("ROLLBACK");
                rollback.ExecuteNonQuery();
                throw;
            }
        }
    }

    private List<QueueEntry> Query(string sql, params (string Name, object? Value)[] parameters) => QueryRaw(sql, Read, parameters);

    private List<T> QueryRaw<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command(sql, parameters);
            using SqliteDataReader reader = command.ExecuteReader();
            var list = new List<T>();
            while (reader.Read()) list.Add(map(reader));
            return list;
        }
    }

    private static QueueEntry Read(SqliteDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long? L(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        DateTime? T(int i) => r.IsDBNull(i) ? null : new DateTime(r.GetInt64(i), DateTimeKind.Utc);
        return new QueueEntry
        {
            Id = r.GetInt64(0), Path = r.GetString(1), Root = r.GetString(2), Size = r.GetInt64(3), ModifiedTicks = r.GetInt64(4),
            State = JobStates.Parse(r.GetString(5)), Reason = S(6), Attempts = r.GetInt32(7), NotBefore = T(8), Owner = S(9), LeaseUntil = T(10),
            WorkDirectory = S(11), OutputPath = S(12), OutputSize = L(13), OutputIdentity = S(14), QuarantinePath = S(15),
            Crf = (int?)L(16), Vmaf = D(17), Encoder = S(18), Duration = D(19), Width = (int?)L(20), Height = (int?)L(21), Codec = S(22),
            Frames = L(23), EncodeSeconds = D(24), EtaKey = S(25), Added = T(26)!.Value, Updated = T(27)!.Value, Finished = T(28),
            Action = S(29) is string a ? Enum.Parse<SourceAction>(a) : null, TempPath = S(30), Interruptions = r.GetInt32(31),
        };
    }

    public void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }
}
