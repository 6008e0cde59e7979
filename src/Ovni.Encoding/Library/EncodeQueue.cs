namespace Ovni.Encoding.Library;

/// <summary>
/// The queue database seen from outside a run (what <c>ovni queue …</c> does): list, show, pause, resume, retry,
/// remove, stats, purge, rollback, rescan. Safe while a run is going: each call is one short transaction, and a run
/// picks up pause/resume within a second.
/// </summary>
public sealed class EncodeQueue : IDisposable
{
    private readonly JobStore _store;

    private EncodeQueue(JobStore store) => _store = store;

    /// <summary>Opens the queue at <paramref name="databasePath"/> (it must exist unless <paramref name="create"/>).</summary>
    /// <exception cref="OvniException">No database there, or it cannot be opened.</exception>
    public static EncodeQueue Open(string databasePath, bool create = false)
    {
        if (!create && !File.Exists(databasePath))
            throw new OvniException($"No queue database at '{Path.GetFullPath(databasePath)}' (run `ovni auto-encode` first, or give --db).") { FilePath = databasePath };
        return new EncodeQueue(JobStore.Open(databasePath));
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _store.Path;

    /// <summary>Every file, or those in <paramref name="state"/>.</summary>
    public IReadOnlyList<QueueEntry> List(JobState? state = null) => _store.List(state);

    /// <summary>A file by queue id or by path (source, output or quarantine); null when unknown.</summary>
    public QueueEntry? Find(string idOrPath) =>
        long.TryParse(idOrPath, System.Globalization.CultureInfo.InvariantCulture, out long id) ? _store.Get(id) : _store.FindByPath(Path.GetFullPath(idOrPath));

    /// <summary>Pauses: <paramref name="now"/> stops running encodes at once (they restart from the beginning later),
    /// otherwise running files finish and nothing new starts.</summary>
    public void Pause(bool now) => _store.SetControl("pause", now ? "now" : "after-current");

    /// <summary>Lets work start again.</summary>
    public void Resume() => _store.SetControl("pause", null);

    /// <summary>Puts a failed, skipped or excluded file back to pending; false when it is running or done.</summary>
    public bool Retry(long id) => _store.Retry(id) == 1;

    /// <summary>Excludes a file from the queue (it stays known, so rescans do not add it again); false when running or done.</summary>
    public bool Remove(long id) => _store.Remove(id) == 1;

    /// <summary>Counts, bytes saved, learned speeds and the ETA of what is pending.</summary>
    public QueueStats Stats(string? encoder = null, string? preset = null)
    {
        List<QueueEntry> all = _store.List();
        var eta = new EtaModel(_store);
        TimeSpan pending = TimeSpan.Zero;
        int guesses = 0;
        foreach (QueueEntry e in all.Where(e => e.State == JobState.Pending || e.IsActive))
        {
            var (t, guess) = eta.Estimate(e, e.Encoder ?? encoder ?? "libx265", preset);
            pending += t;
            if (guess) guesses++;
        }
        var quarantined = all.Where(e => e.QuarantinePath is not null && File.Exists(e.QuarantinePath)).ToList();
        return new QueueStats
        {
            Counts = Enum.GetValues<JobState>().ToDictionary(s => s, s => all.Count(e => e.State == s)),
            DoneSourceBytes = all.Where(e => e.State == JobState.Done).Sum(e => e.OutputSize is null ? 0 : e.Size),
            DoneOutputBytes = all.Where(e => e.State == JobState.Done).Sum(e => e.OutputSize ?? 0),
            PendingBytes = all.Where(e => e.State == JobState.Pending).Sum(e => e.Size),
            PendingEta = pending,
            EtaGuesses = guesses,
            Speeds = eta.Snapshot(),
            Pause = _store.GetControl("pause"),
            Quarantined = (quarantined.Count, quarantined.Sum(e => new FileInfo(e.QuarantinePath!).Length)),
        };
    }

    /// <summary>Deletes the originals kept in quarantine for finished files; returns (files, bytes) freed.</summary>
    public (int Files, long Bytes) Purge()
    {
        int files = 0;
        long bytes = 0;
        foreach (QueueEntry e in _store.List(JobState.Done).Where(e => e.QuarantinePath is not null))
        {
            var info = new FileInfo(e.QuarantinePath!);
            if (info.Exists)
            {
                bytes += info.Length;
                info.Delete();
                files++;
            }
            _store.ClearQuarantine(e.Id);
        }
        return (files, bytes);
    }

    /// <summary>Puts a quarantined original back where it was and removes its (unchanged) output; the file is then excluded.</summary>
    /// <exception cref="OvniException">Unknown file, nothing in quarantine, or the output was changed since.</exception>
    public QueueEntry Rollback(string idOrPath)
    {
        QueueEntry job = Find(idOrPath) ?? throw new OvniException($"'{idOrPath}' is not in the queue.") { FilePath = idOrPath };
        if (job.State != JobState.Done) throw new OvniException($"'{job.Path}' is {JobStates.Name(job.State)}, not done: nothing to roll back.") { FilePath = job.Path };
        Publisher.Rollback(job);
        _store.SetRolledBack(job.Id);
        return _store.Get(job.Id)!;
    }

    /// <summary>Scans the roots of <paramref name="options"/> into this queue (what a run does first); unchanged files are not probed.</summary>
    public ScanResult Rescan(AutoEncodeOptions options, CancellationToken cancellationToken = default) =>
        new LibraryScanner(options).Scan(_store, cancellationToken);

    /// <summary>Published outputs: (job id, output path, source path) — each finished file exactly once.</summary>
    public IReadOnlyList<(long Job, string Output, string Source)> Outputs() => _store.Outputs();

    /// <inheritdoc />
    public void Dispose() => _store.Dispose();
}
