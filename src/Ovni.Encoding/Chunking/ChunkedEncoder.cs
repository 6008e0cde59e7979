using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Ovni.Encoding;

/// <summary>
/// Scene-chunked encoding on one machine: plans chunks at scene cuts, encodes them on several workers at once
/// (longest first, so the last one to finish is short), joins them without re-encoding and checks the result is
/// frame-exact. Every step survives a kill: the plan is written atomically, each finished chunk is flushed and recorded
/// in a checksummed done-log, and running the same call again resumes, reusing every chunk that is whole.
/// </summary>
/// <example>
/// <code>
/// var result = await ChunkedEncoder.EncodeAsync("in.mkv", "out.mkv", new ChunkedEncodeOptions
/// {
///     Encoding = new VideoEncoderOptions { Encoder = "libsvtav1", Crf = 32, Preset = "10" },
///     Workers = 2,
/// });
/// </code>
/// </example>
public static class ChunkedEncoder
{
    /// <summary>Encodes <paramref name="source"/> into <paramref name="output"/> in chunks.</summary>
    /// <exception cref="OvniException">Bad input, an unavailable encoder, a chunk that fails, or a join that is not frame-exact
    /// (finished chunks are kept: run again to resume).</exception>
    public static async Task<ChunkedEncodeResult> EncodeAsync(string source, string output, ChunkedEncodeOptions options,
        IProgress<ChunkedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        OvniConfiguration configuration = options.Configuration ?? OvniConfiguration.Default;
        ILogger logger = configuration.Logger;
        CheckPaths(source, output);
        if (!VideoEncoderOptions.IsAvailable(options.Encoding.Encoder))
            throw new OvniException($"Encoder '{options.Encoding.Encoder}' is not available in this FFmpeg ({Environment.MachineName}); try libx264, libx265, libsvtav1 or libaom-av1.");

        SourceIdentity identity = SourceIdentity.Compute(source);
        VideoTimeline timeline = VideoTimeline.Read(source, cancellationToken);
        var folder = new ChunkWorkFolder(options.WorkDirectory ?? ChunkWorkFolder.DefaultFor(output));
        folder.EnsureOwned(source);
        folder.RemovePartialFiles();
        string settings = SettingsText(options);
        string planId = ChunkPlan.MakeId(identity, settings);
        (ChunkPlan plan, bool resumed) = await folder.LoadOrCreatePlanAsync(planId,
            () => MakePlanAsync(source, identity, settings, timeline, options, cancellationToken), logger).ConfigureAwait(false);
        CheckPlanFits(plan, timeline, source);
        ChunkJournal journal = ChunkJournal.Open(folder.JournalPath, plan.Id);
        Dictionary<int, ChunkRecord> done = resumed ? folder.VerifiedDone(plan, journal, logger) : new();
        if (done.Count > 0) logger.LogInformation("Resuming {Plan}: {Done} of {Total} chunks already done", plan.Id, done.Count, plan.Chunks.Count);

        VideoStreamInfo? video = options.Workers > 0 ? null : MediaReader.Probe(source).Video;
        int workers = options.Workers > 0 ? options.Workers : WorkerPlanning.Recommend(options.Encoding.Encoder, video?.Width ?? 1920, video?.Height ?? 1080);
        var pending = plan.Chunks.Where(c => !done.ContainsKey(c.Index))
            .OrderByDescending(c => ChunkPlanner.Seconds(timeline, c.StartFrame, c.EndFrame)).ThenBy(c => c.Index).ToList();
        workers = Math.Max(1, Math.Min(workers, Math.Max(1, pending.Count)));

        var tracker = new ProgressTracker(plan, done, workers, clock);
        await EncodeChunksAsync(source, timeline, plan, folder, journal, pending, workers, options, tracker, progress, cancellationToken).ConfigureAwait(false);

        var joinClock = Stopwatch.StartNew();
        progress?.Report(tracker.Snapshot(ChunkedPhase.Joining, 0));
        var joinProgress = progress is null ? null : new InlineProgress<double>(f => progress.Report(tracker.Snapshot(ChunkedPhase.Joining, f)));
        ConcatenationResult joined = await ChunkJoin.JoinAsync(source, timeline, plan.Chunks.Select(folder.ChunkPath).ToList(), output,
            joinProgress, cancellationToken).ConfigureAwait(false);
        joinClock.Stop();
        progress?.Report(tracker.Snapshot(ChunkedPhase.Done, 1));
        if (!options.KeepChunks) folder.Delete();
        return new ChunkedEncodeResult(joined.Output, joined.VideoFrames, plan.Chunks.Count, pending.Count, done.Count, workers,
            clock.Elapsed, joinClock.Elapsed, plan.Id) { SkippedStreams = joined.SkippedStreams };
    }

    /// <summary>Reads cuts and plans the chunks (what a fresh run, local or distributed, starts with).</summary>
    public static async Task<ChunkPlan> MakePlanAsync(string source, SourceIdentity identity, string settings, VideoTimeline timeline,
        ChunkedEncodeOptions options, CancellationToken cancellationToken)
    {
        ICutPointSource cutSource = options.CutPoints ?? DefaultCutPoints.Create();
        SceneStarts scenes = await cutSource.FindScenesAsync(source, timeline, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<int> cuts = scenes.Frames;
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, cuts, options.Plan, scenes.Activity);
        return new ChunkPlan
        {
            Id = ChunkPlan.MakeId(identity, settings),
            Source = identity,
            Settings = settings,
            TimeBaseNum = timeline.TimeBase.Num,
            TimeBaseDen = timeline.TimeBase.Den,
            FrameCount = timeline.Count,
            Cuts = cuts.Where(c => c > 0 && c < timeline.Count).Distinct().Order().ToArray(),
            Chunks = chunks,
        };
    }

    /// <summary>The settings a plan is identified by, in words.</summary>
    public static string SettingsText(ChunkedEncodeOptions options)
    {
        VideoEncoderOptions e = options.Encoding;
        var inv = CultureInfo.InvariantCulture;
        string extra = e.ExtraOptions is null ? "" : string.Join(",", e.ExtraOptions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return string.Join(";",
            $"encoder={e.Encoder}", $"crf={e.Crf}", $"qp={e.Qp}", $"bitrate={e.BitRate}", $"preset={e.Preset}", $"gop={e.Gop}",
            $"pix={e.PixelFormat}", $"rate={e.FrameRate}", $"extra={extra}",
            $"min={options.Plan.MinSeconds.ToString(inv)}", $"max={options.Plan.MaxSeconds.ToString(inv)}",
            $"cuts={(options.CutPoints ?? DefaultCutPoints.Create()).Description}",
            $"per-chunk={options.PerChunkSettings?.Description ?? "none"}");
    }

    /// <summary>
    /// Refuses output = source, an output folder that does not exist, and an output container that cannot hold the source's
    /// audio and subtitles, which the join copies (found now, not after the last chunk).
    /// </summary>
    public static void CheckPaths(string source, string output)
    {
        if (!File.Exists(source)) throw new OvniException($"Media file not found: '{source}'.") { FilePath = source };
        if (string.Equals(Path.GetFullPath(source), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new OvniException($"Input and output are the same file ('{source}'); Ovni never overwrites its source.") { FilePath = source };
        // Also through a link (symbolic, a linked folder, or hard): the rename that publishes would replace the source.
        MediaWriter.EnsureNotAnInput(Path.GetFullPath(output), source);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is null || !Directory.Exists(folder))
            throw new OvniException($"Cannot write '{output}': the folder '{folder}' does not exist.") { FilePath = output };
        MediaWriter.CheckStreamsFit(output, new MediaWriterOptions { CopyStreamsFrom = source });
    }

    /// <summary>A stored plan must describe the timeline read now (same frames), or it cannot be trusted.</summary>
    public static void CheckPlanFits(ChunkPlan plan, VideoTimeline timeline, string source)
    {
        if (plan.FrameCount != timeline.Count || plan.TimeBase != timeline.TimeBase
            || plan.Chunks.Sum(c => c.FrameCount) != timeline.Count
            || plan.Chunks.Any(c => c.EndFrame > timeline.Count || timeline.Timestamps[c.StartFrame] != c.StartPts))
            throw new OvniException($"The chunk plan {plan.Id} does not describe '{source}' as read now; delete its work folder and run again.") { FilePath = source };
    }

    private static async Task EncodeChunksAsync(string source, VideoTimeline timeline, ChunkPlan plan, ChunkWorkFolder folder, ChunkJournal journal,
        List<ChunkSpan> pending, int workers, ChunkedEncodeOptions options, ProgressTracker tracker, IProgress<ChunkedProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return;
        var queue = new ConcurrentQueue<ChunkSpan>(pending);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int decoderThreads = options.DecoderThreads > 0 ? options.DecoderThreads : Math.Max(1, Environment.ProcessorCount / workers);
        var readerOptions = new MediaReaderOptions { Threads = decoderThreads, Configuration = options.Configuration };
        Task reporter = progress is null ? Task.CompletedTask : ReportAsync(tracker, progress, stop.Token);
        OvniException? failure = null;
        var running = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && queue.TryDequeue(out ChunkSpan? chunk))
            {
                tracker.Start(worker, chunk);
                try
                {
                    // Chunks at their own settings must still write the same codec headers, or they cannot be joined.
                    VideoEncoderOptions encoding = options.PerChunkSettings is null ? options.Encoding
                        : StitchableHeaders.Apply(await options.PerChunkSettings.ChooseAsync(source, chunk, timeline, StitchableHeaders.Apply(options.Encoding), stop.Token)
                            .ConfigureAwait(false));
                    var frames = new InlineProgress<long>(n => tracker.Update(worker, chunk.Index, n));
                    ChunkRecord record = await ChunkEncoder.EncodeAsync(source, chunk, timeline, encoding, folder.ChunkPath(chunk), frames, readerOptions, stop.Token)
                        .ConfigureAwait(false);
                    journal.Append(record);
                    tracker.Finish(worker, chunk);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return; // the caller cancelled, or another worker failed first
                }
                catch (Exception e)
                {
                    var error = new OvniException($"Chunk {chunk.Index} (frames {chunk.StartFrame}..{chunk.EndFrame - 1}) failed: {e.Message} " +
                        $"(finished chunks are kept in '{folder.Path}': run the same command again to resume)", e) { FilePath = source };
                    Interlocked.CompareExchange(ref failure, error, null);
                    stop.Cancel();
                    return;
                }
            }
        }, CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            try { await reporter.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null) throw failure;
    }

    private static async Task ReportAsync(ProgressTracker tracker, IProgress<ChunkedProgress> progress, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            progress.Report(tracker.Snapshot(ChunkedPhase.Encoding, 0));
            try { await Task.Delay(250, token).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Shared state behind the progress reports: per-worker chunk and frames, totals and the ETA.</summary>
    private sealed class ProgressTracker
    {
        private readonly object _gate = new();
        private readonly ChunkPlan _plan;
        private readonly Stopwatch _clock;
        private readonly (int? Chunk, long Frames, int Total, Stopwatch Clock)[] _workers;
        private readonly long _framesReused;
        private long _framesFinished;
        private int _chunksDone;
        private readonly TimeSpan _encodeStart;

        internal ProgressTracker(ChunkPlan plan, Dictionary<int, ChunkRecord> done, int workers, Stopwatch clock)
        {
            _plan = plan;
            _clock = clock;
            _workers = new (int?, long, int, Stopwatch)[workers];
            for (int i = 0; i < workers; i++) _workers[i] = (null, 0, 0, new Stopwatch());
            _chunksDone = done.Count;
            _framesReused = plan.Chunks.Where(c => done.ContainsKey(c.Index)).Sum(c => (long)c.FrameCount);
            _encodeStart = clock.Elapsed;
        }

        internal void Start(int worker, ChunkSpan chunk)
        {
            lock (_gate) _workers[worker] = (chunk.Index, 0, chunk.FrameCount, Stopwatch.StartNew());
        }

        internal void Update(int worker, int chunk, long frames)
        {
            // Progress reports arrive through the thread pool: a late one for a finished chunk is dropped.
            lock (_gate)
                if (_workers[worker].Chunk == chunk) _workers[worker].Frames = Math.Max(_workers[worker].Frames, frames);
        }

        internal void Finish(int worker, ChunkSpan chunk)
        {
            lock (_gate)
            {
                _framesFinished += chunk.FrameCount;
                _chunksDone++;
                _workers[worker] = (null, 0, 0, new Stopwatch());
            }
        }

        internal ChunkedProgress Snapshot(ChunkedPhase phase, double joinFraction)
        {
            lock (_gate)
            {
                long running = _workers.Sum(w => w.Frames);
                long encodedThisRun = _framesFinished + running;
                long total = _plan.FrameCount, doneFrames = _framesReused + encodedThisRun;
                double seconds = (_clock.Elapsed - _encodeStart).TotalSeconds;
                TimeSpan? eta = encodedThisRun > 0 && seconds > 1
                    ? TimeSpan.FromSeconds((total - doneFrames) / (encodedThisRun / seconds))
                    : null;
                var workers = _workers.Select((w, i) => new ChunkWorkerStatus(i, w.Chunk, w.Frames, w.Total,
                    w.Clock.Elapsed.TotalSeconds > 0 ? w.Frames / w.Clock.Elapsed.TotalSeconds : 0)).ToArray();
                return new ChunkedProgress(phase, _plan.Chunks.Count, _chunksDone, total, doneFrames, _clock.Elapsed,
                    phase == ChunkedPhase.Encoding ? eta : TimeSpan.Zero, workers, joinFraction);
            }
        }
    }
}
