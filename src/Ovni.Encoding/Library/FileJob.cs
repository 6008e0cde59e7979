using System.Diagnostics;
using System.Globalization;

namespace Ovni.Encoding.Library;

/// <summary>
/// One file through the whole pipeline: probe → filter → choose CRF → encode into the work folder → verify →
/// size rule → publish. Every state change is recorded before the work it announces starts; whatever happens,
/// the work folder is gone at the end and the source has not been written to.
/// </summary>
internal sealed class FileJob
{
    private readonly RunContext _run;
    private readonly QueueEntry _job;
    private readonly string _worker;
    private readonly Stopwatch _overhead = new();
    private AutoEncodeOptions Options => _run.Options;

    internal FileJob(RunContext run, QueueEntry job, string worker)
    {
        _run = run;
        _job = job;
        _worker = worker;
    }

    /// <summary>Runs the job; returns its report line (null when it went back to the queue, e.g. paused or waiting).</summary>
    internal async Task<ReportEntry?> RunAsync(CancellationToken cancellationToken)
    {
        string? workDirectory = null;
        try
        {
            return await RunCoreAsync(cancellationToken, w => workDirectory = w).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DeleteWork(workDirectory);
            Store(() => _run.Store.Release(_job.Id, _run.Owner, "stopped before it finished; starts again from the beginning"));
            Emit(AutoEncodeEventKind.Phase, JobState.Pending, "stopped; back in the queue");
            return null;
        }
        catch (OutputCollisionException e)
        {
            DeleteWork(workDirectory);
            return Finish(JobState.Skipped, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything else fails this file only (retried after a back-off); the run and the other files go on.
            DeleteWork(workDirectory);
            return Fail(Describe(e), permanent: false);
        }
    }

    private async Task<ReportEntry?> RunCoreAsync(CancellationToken cancellationToken, Action<string> workFolder)
    {
        // ---- scanning: name and size first (no probe), then the file must be whole and unchanged ----
        if (FileFilter.BeforeProbe(Options, _job.Path, _job.Size) is string early) return Finish(JobState.Skipped, early);
        FileInfo file = LinkedFile.Target(_job.Path);
        if (!file.Exists) return Finish(JobState.Excluded, "the file is gone");
        // Replacing, moving or deleting a link frees no space and leaves the file it points to as it was.
        if (Options.SourceAction != SourceAction.Keep && LinkedFile.LinkTargetOf(_job.Path) is string linkTarget)
            return Finish(JobState.Skipped, $"a symbolic link to '{linkTarget}': with source '{Options.SourceAction.ToString().ToLowerInvariant()}' Ovni would replace, move or delete the link, which frees no space and leaves that file as it was; add its folder as a root, or use source 'keep'");
        DateTime now = DateTime.UtcNow; // file ages are real time; the run's clock only drives the schedule window
        if (file.Length != _job.Size || file.LastWriteTimeUtc.Ticks != _job.ModifiedTicks)
        {
            Store(() => _run.Store.SetColumns(_job.Id, ("size", file.Length), ("mtime", file.LastWriteTimeUtc.Ticks)));
            return Wait("the file is still changing; waiting until it is stable", Options.StableFor);
        }
        TimeSpan age = now - file.LastWriteTimeUtc;
        if (age < Options.StableFor) return Wait("the file was written moments ago; waiting until it is stable", Options.StableFor - age);

        MediaInfo info;
        try
        {
            info = MediaReader.Probe(_job.Path);
        }
        catch (OvniException e)
        {
            return Fail($"cannot read '{_job.Path}': {e.Message}", permanent: true);
        }
        string etaKey = info.Video is { } v ? EtaModel.Key(Options.Encoder, Options.Preset, v.Width, v.Height, EtaModel.Complexity(info, _job.Size)) : "";
        Store(() => _run.Store.SetColumns(_job.Id, ("duration", info.Duration.TotalSeconds), ("width", info.Video?.Width), ("height", info.Video?.Height),
            ("codec", info.Video?.Codec), ("frames", info.Video?.EstimatedFrameCount), ("eta_key", etaKey), ("encoder", Options.Encoder)));
        if (FileFilter.AfterProbe(Options, info, _job.Size) is string skip) return Finish(JobState.Skipped, skip);

        JobPlan plan = JobPlan.Make(Options, _job, info);
        bool inPlace = Options.SourceAction == SourceAction.Replace && Publisher.SamePath(plan.FinalPath, _job.Path);
        if (!inPlace && File.Exists(plan.FinalPath)) throw new OutputCollisionException(plan.FinalPath);
        long limit = (long)(_job.Size * (1 - Options.MinSaving));
        if (_run.Guard.DiskHoldReason(Path.GetDirectoryName(plan.FinalPath)!, limit) is string disk)
            return Wait(disk, TimeSpan.FromMinutes(5));
        if (plan.ContainerNote is not null) Log(plan.ContainerNote);

        // ---- searching: the CRF ----
        CrfChoice choice;
        var request = new CrfRequest(_job.Path, info, Options.Encoder, Options.Preset, plan.PixelFormat, Options.TargetVmaf, Options.Crf, 1 - Options.MinSaving);
        if (_run.Chooser.IsSearch)
        {
            Phase(JobState.Searching, "choosing the CRF");
            await _run.VmafSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { choice = await _run.Chooser.ChooseAsync(request, null, cancellationToken).ConfigureAwait(false); }
            finally { _run.VmafSlots.Release(); }
        }
        else choice = await _run.Chooser.ChooseAsync(request, null, cancellationToken).ConfigureAwait(false);
        if (choice.Note is not null) Log(choice.Note);

        int crf = choice.Crf;
        bool sizeRetried = false, qualityRetried = false;
        int threads = Options.EncoderThreads;
        double encodeSeconds = 0, verifySeconds = 0;
        while (true)
        {
            // ---- encoding: into the work folder, recorded before it exists ----
            Phase(JobState.Encoding, $"CRF {crf}", ("work_dir", plan.WorkDirectory), ("crf", crf), ("temp_path", null));
            workFolder(plan.WorkDirectory);
            CreateWorkFolder(plan.WorkDirectory);
            var settings = new EncodeSettings(Options.Encoder, Options.Preset, crf, plan.PixelFormat, threads, plan.Muxer);
            var progress = new InlineProgress<EncodeProgress>(p => _run.Emit(new AutoEncodeEvent
            {
                Kind = AutoEncodeEventKind.Progress, JobId = _job.Id, Worker = _worker, Path = _job.Path, State = JobState.Encoding,
                Fraction = p.Fraction, FramesPerSecond = p.FramesPerSecond, FileEta = p.Eta,
            }));
            EncodeOutcome outcome;
            try
            {
                outcome = await _run.Encoder.EncodeAsync(_job.Path, plan.TempOutput, settings, limit, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (SizeLimitExceededException e)
            {
                if (RetryHigher(ref crf, ref sizeRetried, plan, $"stopped early: {e.Message}")) continue;
                DeleteWork(plan.WorkDirectory);
                return Finish(JobState.Skipped, $"no worthwhile saving: {e.Message} (min saving {Options.MinSaving:P0})", crf: crf);
            }
            encodeSeconds += outcome.Elapsed.TotalSeconds;
            if (outcome.Frames > 0 && etaKey.Length > 0) _run.Eta.Learn(etaKey, outcome.Frames, outcome.Elapsed);

            // ---- verifying ----
            Phase(JobState.Verifying, "decode, frames, duration, streams, colour" + (MeasuresVmaf ? ", VMAF" : ""));
            var verifyClock = Stopwatch.StartNew();
            List<string> problems = OutputVerifier.Check(info, plan.TempOutput, outcome.Frames, cancellationToken, out _);
            foreach (string skipped in outcome.SkippedStreams) problems.Add($"not carried over: {skipped}");
            if (problems.Count > 0)
            {
                DeleteWork(plan.WorkDirectory);
                return Fail("verification failed: " + string.Join("; ", problems), permanent: false, crf: crf);
            }
            long size = new FileInfo(plan.TempOutput).Length;
            if (size > limit)
            {
                string why = $"output {FileFilter.Bytes(size)} is {(double)size / _job.Size:P0} of the source, above {1 - Options.MinSaving:P0}";
                if (RetryHigher(ref crf, ref sizeRetried, plan, why)) continue;
                DeleteWork(plan.WorkDirectory);
                return Finish(JobState.Skipped, $"no worthwhile saving: {why}", crf: crf);
            }
            double? vmaf = null;
            if (MeasuresVmaf)
            {
                await _run.VmafSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try { vmaf = await OutputVerifier.MeasureVmafAsync(_job.Path, plan.TempOutput, _run.VmafModel!, Environment.ProcessorCount, cancellationToken).ConfigureAwait(false); }
                finally { _run.VmafSlots.Release(); }
                Store(() => _run.Store.SetColumns(_job.Id, ("vmaf", vmaf)));
                if (Options.TargetVmaf is double target && vmaf < target - Options.VmafTolerance)
                {
                    // SEAM (issue 13): the target-quality search corrects its CRF by the observed error; with a fixed
                    // chooser the runner makes one correction of its own (about one VMAF point per CRF step).
                    if (!qualityRetried)
                    {
                        qualityRetried = true;
                        int step = Math.Max(2, (int)Math.Ceiling(target - vmaf.Value));
                        Log($"VMAF {vmaf:0.00} is below {target} − {Options.VmafTolerance}; encoding again at CRF {crf - step}");
                        crf = Math.Max(0, crf - step);
                        DeleteWork(plan.WorkDirectory);
                        continue;
                    }
                    DeleteWork(plan.WorkDirectory);
                    return Fail($"VMAF {vmaf:0.00} of the output is below the target {target} − {Options.VmafTolerance}", permanent: true, crf: crf);
                }
            }
            verifySeconds += verifyClock.Elapsed.TotalSeconds;

            // ---- publishing ----
            FileInfo now2 = LinkedFile.Target(_job.Path);
            if (!now2.Exists || now2.Length != _job.Size || now2.LastWriteTimeUtc.Ticks != _job.ModifiedTicks)
            {
                DeleteWork(plan.WorkDirectory);
                return Fail($"'{_job.Path}' {(now2.Exists ? "changed" : "disappeared")} during the encode; the output was discarded", permanent: false, crf: crf);
            }
            string identity = FileIdentity.Of(plan.TempOutput) ?? throw new OvniException($"The verified output '{plan.TempOutput}' vanished before publishing.");
            // Recorded durably before the first rename: after a crash or a power cut, recovery knows every path involved.
            _run.Store.Durably(() =>
            {
                Phase(JobState.Publishing, plan.FinalPath, ("output_path", plan.FinalPath), ("output_id", identity), ("quarantine_path", plan.QuarantinePath),
                    ("action", Options.SourceAction.ToString()), ("temp_path", plan.TempOutput), ("vmaf", vmaf));
                return 0;
            });
            var publish = new Publisher.Plan(_job.Path, plan.TempOutput, plan.FinalPath, plan.QuarantinePath, Options.SourceAction, identity);
            PublishedOutput published = Publisher.Publish(publish);
            DeleteWork(plan.WorkDirectory);
            string decision = Options.SourceAction switch
            {
                SourceAction.Replace => $"replaced; original in quarantine at {plan.QuarantinePath}",
                SourceAction.Quarantine => $"published; original moved to {plan.QuarantinePath}",
                SourceAction.Delete => "published; source deleted",
                _ => "published; source kept",
            };
            var entry = Entry("encoded", decision, JobState.Done) with
            {
                OutputPath = plan.FinalPath, OutputBytes = published.Size, Crf = crf, Vmaf = vmaf,
                EncodeSeconds = encodeSeconds, VerifySeconds = verifySeconds,
            };
            bool recorded = Store(() => _run.Store.Durably(() => _run.Store.Finish(_job.Id, _run.Owner, decision, published, ("output_size", published.Size),
                ("encode_seconds", encodeSeconds), ("work_dir", null), ("temp_path", null))));
            if (!recorded) Log("the job was taken over by another runner while publishing; its recovery records it");
            entry = entry with { OverheadSeconds = _overhead.Elapsed.TotalSeconds };
            _run.Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Finished, JobId = _job.Id, Worker = _worker, Path = _job.Path, State = JobState.Done, Message = decision, Entry = entry });
            return entry;
        }
    }

    private bool MeasuresVmaf => _run.VmafModel is not null && (Options.VerifyVmaf || Options.TargetVmaf is not null);

    private bool RetryHigher(ref int crf, ref bool retried, JobPlan plan, string why)
    {
        if (retried || !Options.RetryHigherCrf) return false;
        retried = true;
        int next = Math.Min(63, crf + Options.RetryCrfStep);
        Log($"{why}; encoding again at CRF {next}");
        crf = next;
        DeleteWork(plan.WorkDirectory);
        return true;
    }

    private static void CreateWorkFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot write in the destination folder '{Path.GetDirectoryName(folder)}': {e.Message}", e) { FilePath = folder };
        }
    }

    /// <summary>Removes the work folder and all in it; never fails the job over leftovers (the next start sweeps them).</summary>
    internal static void DeleteWork(string? folder)
    {
        if (folder is null) return;
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start's reclaim, which knows the folder from the database.
        }
    }

    private void Phase(JobState state, string message, params (string Column, object? Value)[] columns)
    {
        bool held = Store(() => _run.Store.Update(_job.Id, _run.Owner, state, null, columns));
        if (!held) throw new OvniException($"The job for '{_job.Path}' was taken over by another runner; stopping it here.");
        Emit(AutoEncodeEventKind.Phase, state, message);
    }

    private ReportEntry? Wait(string reason, TimeSpan wait)
    {
        Store(() => _run.Store.Release(_job.Id, _run.Owner, reason, wait: wait));
        Emit(AutoEncodeEventKind.Held, JobState.Pending, reason);
        return Entry("deferred", reason, JobState.Pending);
    }

    private ReportEntry Finish(JobState state, string reason, int? crf = null)
    {
        Store(() => _run.Store.Update(_job.Id, _run.Owner, state, reason, ("work_dir", null), ("temp_path", null)));
        ReportEntry entry = Entry(state == JobState.Skipped ? "skipped" : state == JobState.Excluded ? "excluded" : "failed", reason, state) with { Crf = crf };
        _run.Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Finished, JobId = _job.Id, Worker = _worker, Path = _job.Path, State = state, Message = reason, Entry = entry });
        return entry;
    }

    /// <summary>
    /// A failure: a permanent one (the source cannot be read, the target cannot be met) waits for the user; any other is
    /// retried after a back-off that doubles each time, and the file is excluded after <see cref="AutoEncodeOptions.MaxAttempts"/>.
    /// </summary>
    private ReportEntry Fail(string reason, bool permanent, int? crf = null)
    {
        int attempts = _job.Attempts + 1;
        if (!permanent && attempts >= Options.MaxAttempts)
        {
            Store(() => _run.Store.Update(_job.Id, _run.Owner, JobState.Excluded, $"gave up after {attempts} attempts: {reason}", ("attempts", attempts), ("not_before", null), ("work_dir", null), ("temp_path", null)));
            ReportEntry excluded = Entry("excluded", reason, JobState.Excluded) with { Crf = crf };
            _run.Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Finished, JobId = _job.Id, Worker = _worker, Path = _job.Path, State = JobState.Excluded, Message = reason, Entry = excluded });
            return excluded;
        }
        long? retryAt = permanent ? null : DateTime.UtcNow.Add(Options.RetryBackoff * Math.Pow(2, attempts - 1)).Ticks;
        string text = permanent ? reason : $"{reason} (attempt {attempts} of {Options.MaxAttempts}; retried after a back-off)";
        Store(() => _run.Store.Update(_job.Id, _run.Owner, JobState.Failed, text, ("attempts", attempts), ("not_before", retryAt), ("work_dir", null), ("temp_path", null)));
        ReportEntry entry = Entry("failed", text, JobState.Failed) with { Crf = crf };
        _run.Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Finished, JobId = _job.Id, Worker = _worker, Path = _job.Path, State = JobState.Failed, Message = text, Entry = entry });
        return entry;
    }

    private ReportEntry Entry(string decision, string reason, JobState state) => new()
    {
        JobId = _job.Id, Path = _job.Path, Decision = decision, Reason = reason, SourceBytes = _job.Size, Encoder = Options.Encoder,
        OverheadSeconds = _overhead.Elapsed.TotalSeconds,
    };

    private void Emit(AutoEncodeEventKind kind, JobState state, string message) =>
        _run.Emit(new AutoEncodeEvent { Kind = kind, JobId = _job.Id, Worker = _worker, Path = _job.Path, State = state, Message = message });

    private void Log(string message) => _run.Emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Log, JobId = _job.Id, Worker = _worker, Path = _job.Path, Message = message });

    /// <summary>Runs a database call and counts its time as queue overhead.</summary>
    private T Store<T>(Func<T> call)
    {
        _overhead.Start();
        try { return call(); }
        finally { _overhead.Stop(); }
    }

    private void Store(Action call) => Store(() => { call(); return 0; });

    private string Describe(Exception e)
    {
        string message = e.Message;
        if (message.Contains("No space left", StringComparison.OrdinalIgnoreCase) || e.HResult == 28 || (e is IOException && e.HResult == unchecked((int)0x80070070)))
            return $"the destination is full while writing the output of '{_job.Path}': {message}";
        return message.Contains(_job.Path, StringComparison.Ordinal) ? message : $"'{_job.Path}': {message}";
    }

    internal static string Seconds(double s) => s.ToString("0.0", CultureInfo.InvariantCulture);
}
