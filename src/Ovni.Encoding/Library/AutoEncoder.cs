using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ovni.Quality;

namespace Ovni.Encoding.Library;

/// <summary>
/// Re-encodes a media library unattended: scans the roots into the persistent queue, reclaims what a killed run left,
/// then runs files through probe → filter → CRF choice → encode → verify → publish on worker slots, holding new work
/// back while a resource guard, the schedule window or a pause says so. Safe to kill at any moment: the next run
/// finishes or undoes what was in flight and never redoes a finished file.
/// </summary>
/// <example>
/// <code>
/// var options = new AutoEncodeOptions { Roots = ["/media/movies"], Encoder = "libx265", Crf = 24, SourceAction = SourceAction.Keep };
/// await using var run = new AutoEncoder(options) { Events = new Progress&lt;AutoEncodeEvent&gt;(e => Console.WriteLine(e.Message)) };
/// AutoEncodeReport report = await run.RunAsync(ct);
/// </code>
/// </example>
public sealed class AutoEncoder : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly AutoEncodeOptions _options;
    private readonly ILogger _logger;
    private readonly List<ReportEntry> _entries = new();
    private readonly Lock _entriesGate = new();

    /// <summary>Prepares a run; nothing is touched until <see cref="RunAsync"/>.</summary>
    public AutoEncoder(AutoEncodeOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Chooses each file's CRF. Default: <see cref="FixedCrfChooser"/>; plug the target-quality search in here.</summary>
    public ICrfChooser CrfChooser { get; init; } = new FixedCrfChooser();

    /// <summary>Receives every event (phases, progress, finished files, holds, log lines).</summary>
    public IProgress<AutoEncodeEvent>? Events { get; init; }

    internal IFileEncoder FileEncoder { get; init; } = new FileEncoder();
    internal ISystemResources? Resources { get; init; }
    internal Func<DateTime> Clock { get; init; } = () => DateTime.Now;
    internal string Inhibitor { get; init; } = "systemd-inhibit";

    /// <summary>Runs until the queue has nothing runnable (or, in watch mode, until cancelled).</summary>
    /// <exception cref="AutoEncodeConfigException">The options cannot work (the key is named).</exception>
    /// <exception cref="OvniException">The queue database cannot be opened, or another run holds it.</exception>
    public async Task<AutoEncodeReport> RunAsync(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        VmafModel? model = LoadVmafModel();
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        string database = _options.ResolvedDatabasePath;
        if (_options.DryRun) return await DryRunAsync(database, model, started, clock, cancellationToken).ConfigureAwait(false);

        using RunnerLock runnerLock = RunnerLock.Acquire(database);
        using JobStore store = JobStore.Open(database);
        RunContext run = CreateContext(store, model);
        Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Started, Message = $"queue {database}" });
        Reclaim(run);
        var scanner = new LibraryScanner(_options);
        Scan(scanner, store, cancellationToken);

        using var keepAwake = new KeepAwake(m => Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Log, Message = m }), Inhibitor);
        using var heartbeat = new Timer(_ => Heartbeat(store), null, RunContext.Lease / 6, RunContext.Lease / 6);
        using LibraryWatcher? watcher = _options.Watch ? new LibraryWatcher(_options, scanner, store, e => Emit(e)) : null;
        string stop = await LoopAsync(run, scanner, keepAwake, watcher, cancellationToken).ConfigureAwait(false);
        keepAwake.Release();
        Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Stopped, Message = stop });
        lock (_entriesGate)
            return new AutoEncodeReport { Entries = _entries.ToList(), Started = started, Elapsed = clock.Elapsed, StopReason = stop };
    }

    private async Task<string> LoopAsync(RunContext run, LibraryScanner scanner, KeepAwake keepAwake, LibraryWatcher? watcher, CancellationToken cancellationToken)
    {
        JobStore store = run.Store;
        bool gpu = _options.IsGpuEncoder;
        int slots = gpu ? _options.Workers.Gpu : _options.Workers.Cpu;
        if (slots == 0) throw new AutoEncodeConfigException(gpu ? "workers.gpu" : "workers.cpu", $"is 0, but the encoder {_options.Encoder} needs a {(gpu ? "GPU" : "CPU")} slot.");
        var running = new Dictionary<Task<ReportEntry?>, (string Worker, CancellationTokenSource Stop)>();
        var freeWorkers = new SortedSet<int>(Enumerable.Range(1, slots));
        string? lastHold = null;
        DateTime nextRescan = DateTime.UtcNow + _options.RescanInterval;
        string stopReason = "queue empty";
        try
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested) { stopReason = "cancelled"; break; }
                string? pause = store.GetControl("pause");
                if (pause == "now")
                    foreach (var (_, (_, stop)) in running) stop.Cancel();
                string? hold = pause is not null ? $"queue paused ({pause}); `ovni queue resume` continues" : run.Guard.HoldReason(gpu);
                if (hold != lastHold)
                {
                    if (hold is not null) Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Held, Message = hold });
                    lastHold = hold;
                }
                while (hold is null && freeWorkers.Count > 0)
                {
                    QueueEntry? job = store.ClaimNext(run.Owner, RunContext.Lease);
                    if (job is null) break;
                    int slot = freeWorkers.Min;
                    freeWorkers.Remove(slot);
                    string worker = $"{(gpu ? "gpu" : "cpu")} {slot}";
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    running.Add(RunJob(run, job, worker, stop.Token), (worker, stop));
                }
                if (running.Count > 0)
                {
                    if (_options.KeepAwake) keepAwake.Acquire();
                }
                else
                {
                    keepAwake.Release();
                    if (watcher is null)
                    {
                        if (pause is not null) { stopReason = $"paused ({pause})"; break; }
                        if (hold is null && store.CountRunnable() == 0)
                        {
                            stopReason = store.NextWake() is DateTime wake ? $"queue empty for now; files wait for a retry until {wake.ToLocalTime():yyyy-MM-dd HH:mm}" : "queue empty";
                            break;
                        }
                    }
                }
                if (watcher is not null && DateTime.UtcNow >= nextRescan)
                {
                    Scan(scanner, store, cancellationToken);
                    nextRescan = DateTime.UtcNow + _options.RescanInterval;
                }
                watcher?.Poll();
                Task delay = Task.Delay(Tick, CancellationToken.None);
                await Task.WhenAny(running.Keys.Cast<Task>().Append(delay)).ConfigureAwait(false);
                foreach (Task<ReportEntry?> done in running.Keys.Where(t => t.IsCompleted).ToList())
                {
                    (string worker, CancellationTokenSource stop) = running[done];
                    running.Remove(done);
                    stop.Dispose();
                    freeWorkers.Add(int.Parse(worker.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture));
                    ReportEntry? entry = await done.ConfigureAwait(false);
                    if (entry is not null) lock (_entriesGate) _entries.Add(entry);
                }
            }
        }
        finally
        {
            foreach (var (_, (_, stop)) in running) stop.Cancel();
            foreach (var (task, (_, stop)) in running)
            {
                ReportEntry? entry = await task.ConfigureAwait(false);
                if (entry is not null) lock (_entriesGate) _entries.Add(entry);
                stop.Dispose();
            }
        }
        return stopReason;
    }

    /// <summary>Runs one job; an unexpected exception fails that file only, never the run.</summary>
    private async Task<ReportEntry?> RunJob(RunContext run, QueueEntry job, string worker, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            return await new FileJob(run, job, worker).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Unexpected failure on {Path}", job.Path);
            run.Store.Update(job.Id, run.Owner, JobState.Failed, $"unexpected error: {e.Message}", ("attempts", job.Attempts + 1));
            return new ReportEntry { JobId = job.Id, Path = job.Path, Decision = "failed", Reason = e.Message, SourceBytes = job.Size };
        }
    }

    /// <summary>
    /// Takes back the jobs of runs that died: their work folders are deleted; a publish that had started is finished
    /// (the output is in place: the job is done) or undone (it goes back to pending). Finished jobs are never touched.
    /// </summary>
    private void Reclaim(RunContext run)
    {
        int count = 0;
        foreach (QueueEntry orphan in run.Store.Orphans(RunnerIdentity.IsDead))
        {
            if (!run.Store.Adopt(orphan.Id, orphan.Owner, run.Owner, RunContext.Lease)) continue;
            count++;
            string note;
            try
            {
                note = RecoverOne(run, orphan);
            }
            catch (Exception e) when (e is OvniException or IOException or UnauthorizedAccessException)
            {
                run.Store.Update(orphan.Id, run.Owner, JobState.Failed, $"could not recover after a crash: {e.Message}");
                note = e.Message;
            }
            Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Reclaimed, JobId = orphan.Id, Path = orphan.Path, Message = note });
        }
        if (count > 0) _logger.LogInformation("Reclaimed {Count} job(s) of a run that stopped", count);
    }

    private string RecoverOne(RunContext run, QueueEntry orphan)
    {
        if (orphan.State == JobState.Publishing && orphan is { OutputPath: string final, OutputIdentity: string id, TempPath: string temp, Action: SourceAction action })
        {
            var plan = new Publisher.Plan(orphan.Path, temp, final, orphan.QuarantinePath, action, id);
            PublishedOutput? published = Publisher.Recover(plan);
            FileJob.DeleteWork(orphan.WorkDirectory);
            if (published is not null)
            {
                const string note = "finished after a restart: the output had been published";
                run.Store.Finish(orphan.Id, run.Owner, note, published, ("output_size", published.Size), ("work_dir", null), ("temp_path", null));
                return note;
            }
        }
        FileJob.DeleteWork(orphan.WorkDirectory);
        if (orphan.Interruptions + 1 >= run.MaxInterruptions)
        {
            run.Store.Update(orphan.Id, run.Owner, JobState.Excluded, $"runs stopped {orphan.Interruptions + 1} times while working on this file; excluded", ("work_dir", null), ("temp_path", null));
            return "excluded: interrupted too often";
        }
        run.Store.Release(orphan.Id, run.Owner, $"interrupted while {JobStates.Name(orphan.State)}; starts again from the beginning", interrupted: true);
        return $"was {JobStates.Name(orphan.State)}; back to pending, temporary files removed";
    }

    private void Scan(LibraryScanner scanner, JobStore store, CancellationToken cancellationToken)
    {
        ScanResult result = scanner.Scan(store, cancellationToken);
        Emit(new AutoEncodeEvent
        {
            Kind = AutoEncodeEventKind.Scanned,
            Message = $"{result.Seen} files: {result.Added} new, {result.Changed} changed, {result.Missing} gone, {result.Unchanged} unchanged ({result.Elapsed.TotalMilliseconds:0} ms)",
        });
    }

    private static void Heartbeat(JobStore store)
    {
        try
        {
            store.Heartbeat(RunnerIdentity.Current, RunContext.Lease);
        }
        catch (OvniException)
        {
            // A busy database for longer than the busy timeout: the next beat tries again, well within the lease.
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the timer firing and the call.
        }
    }

    /// <summary>Every decision a run would make, written nowhere: the queue is an in-memory copy.</summary>
    private async Task<AutoEncodeReport> DryRunAsync(string database, VmafModel? model, DateTime started, Stopwatch clock, CancellationToken cancellationToken)
    {
        using JobStore store = JobStore.OpenInMemory(database);
        RunContext run = CreateContext(store, model);
        new LibraryScanner(_options).Scan(store, cancellationToken);
        var entries = new List<ReportEntry>();
        foreach (QueueEntry job in store.List(JobState.Pending).Concat(store.List(JobState.Failed).Where(j => j.NotBefore is not null)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReportEntry entry = await DecideAsync(run, job, cancellationToken).ConfigureAwait(false);
            entries.Add(entry);
            Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Finished, JobId = job.Id, Path = job.Path, Message = $"{entry.Decision}: {entry.Reason}", Entry = entry });
        }
        return new AutoEncodeReport { Entries = entries, Started = started, Elapsed = clock.Elapsed, StopReason = "dry run: nothing was written" };
    }

    private async Task<ReportEntry> DecideAsync(RunContext run, QueueEntry job, CancellationToken cancellationToken)
    {
        ReportEntry Skip(string decision, string reason) => new() { JobId = job.Id, Path = job.Path, Decision = decision, Reason = reason, SourceBytes = job.Size };
        if (FileFilter.BeforeProbe(_options, job.Path, job.Size) is string early) return Skip("would skip", early);
        MediaInfo info;
        try { info = MediaReader.Probe(job.Path); }
        catch (OvniException e) { return Skip("would fail", $"cannot read '{job.Path}': {e.Message}"); }
        if (FileFilter.AfterProbe(_options, info, job.Size) is string skip) return Skip("would skip", skip);
        JobPlan plan = JobPlan.Make(_options, job, info);
        bool inPlace = _options.SourceAction == SourceAction.Replace && Publisher.SamePath(plan.FinalPath, job.Path);
        if (!inPlace && File.Exists(plan.FinalPath)) return Skip("would skip", new OutputCollisionException(plan.FinalPath).Message);
        CrfChoice choice = await run.Chooser.ChooseAsync(new CrfRequest(job.Path, info, _options.Encoder, _options.Preset, plan.PixelFormat,
            _options.TargetVmaf, _options.Crf, 1 - _options.MinSaving), null, cancellationToken).ConfigureAwait(false);
        string action = _options.SourceAction switch
        {
            SourceAction.Replace => $"replace the source, original to {plan.QuarantinePath}",
            SourceAction.Quarantine => $"then move the source to {plan.QuarantinePath}",
            SourceAction.Delete => "then delete the source",
            _ => "source kept",
        };
        return Skip("would encode", $"{_options.Encoder} CRF {choice.Crf} → {plan.FinalPath} ({action}){(plan.ContainerNote is null ? "" : "; " + plan.ContainerNote)}") with { Crf = choice.Crf, OutputPath = plan.FinalPath };
    }

    private RunContext CreateContext(JobStore store, VmafModel? model) => new()
    {
        Options = _options,
        Store = store,
        Owner = RunnerIdentity.Current,
        Encoder = FileEncoder,
        Chooser = CrfChooser,
        Guard = new ResourceGuard(_options, Resources ?? new SystemResources(_options.IsGpuEncoder), Clock),
        Eta = new EtaModel(store),
        VmafSlots = new SemaphoreSlim(_options.Workers.Vmaf),
        VmafModel = model,
        Emit = Emit,
        Clock = Clock,
    };

    private VmafModel? LoadVmafModel()
    {
        if (!_options.VerifyVmaf && _options.TargetVmaf is null) return null;
        string? path = _options.VmafModelPath ?? Environment.GetEnvironmentVariable("OVNI_VMAF_MODEL");
        // SEAM (issue 11, branch `devex`): the built-in libvmaf models make this path optional once merged.
        if (path is null)
            throw new AutoEncodeConfigException("vmaf_model", "measuring VMAF needs a libvmaf JSON model (e.g. vmaf_v0.6.1.json): set vmaf_model or OVNI_VMAF_MODEL.");
        try
        {
            return VmafModel.Load(path);
        }
        catch (OvniException e)
        {
            throw new AutoEncodeConfigException("vmaf_model", e.Message, e);
        }
    }

    private void Emit(AutoEncodeEvent e)
    {
        if (e.Kind is AutoEncodeEventKind.Log or AutoEncodeEventKind.Held or AutoEncodeEventKind.Reclaimed)
            _logger.LogInformation("{Path}: {Message}", e.Path ?? "queue", e.Message);
        Events?.Report(e);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
