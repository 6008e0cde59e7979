// Per-shot convex-hull encoding. Every shot is encoded straight from the source at several CRFs with the final encoder,
// preset and stitchable headers, so a probe is already the shot's final encode: the output is the chosen probes joined
// by stream copy (frame-exact), and nothing is encoded twice. Each probe is scored against the shot's own frames (cut
// once, losslessly, with the source frame either side for motion across the cuts), so its point is (bytes, summed
// per-frame VMAF), exactly what those frames score in the joined file. A coarse CRF grid comes first; then, for a few
// rounds, probes are added beside each shot's chosen point at half the previous step, where the slope decides.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Ovni.IO;
using Ovni.Quality;

namespace Ovni.Encoding;

/// <summary>
/// Encodes a file shot by shot, each shot at the point of its own rate–quality hull where every shot sits at the same
/// slope, so the whole file reaches a pooled VMAF target (or the best quality for a size budget) in the fewest bytes,
/// with no shot below a floor. The output is joined frame-exactly from the probe encodes, verified and only then published.
/// </summary>
/// <example>
/// <code>
/// ShotHullResult r = await ShotHullEncoder.EncodeAsync("in.mkv", "out.mkv",
///     new ShotHullOptions { Encoder = "libx264", Preset = "medium", TargetVmaf = 95 });
/// </code>
/// </example>
public static class ShotHullEncoder
{
    /// <summary>Probes, allocates, joins, verifies and publishes <paramref name="input"/> as <paramref name="output"/>.</summary>
    /// <exception cref="OvniException">Bad input or options, an unavailable encoder, a failing encode or a join that is not
    /// frame-exact; nothing is left at <paramref name="output"/> and the probes are removed.</exception>
    public static async Task<ShotHullResult> EncodeAsync(string input, string output, ShotHullOptions options,
        IProgress<TargetQualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        options.Validate(input);
        ChunkedEncoder.CheckPaths(input, output);
        if (!VideoEncoderOptions.IsAvailable(options.Encoder))
            throw new OvniException($"Encoder '{options.Encoder}' is not available in this FFmpeg; try libx264, libx265, libsvtav1 or libaom-av1.") { FilePath = input };
        ILogger logger = (options.Configuration ?? OvniConfiguration.Default).Logger;
        VideoStreamInfo video = MediaReader.Probe(input).Video
            ?? throw new OvniException($"'{input}' has no video stream to encode.") { FilePath = input };
        VmafModel model = (options.Models ?? VmafModelCatalog.FromEnvironment()).For(video.Width, video.Height);
        EncoderProfile profile = EncoderProfile.For(options.Encoder);
        profile = profile with { MinCrf = options.MinCrf ?? profile.MinCrf, MaxCrf = options.MaxCrf ?? profile.MaxCrf };
        // One bound given against the encoder's default other bound can still cross it (as `ovni encode` checks too).
        if (profile.MinCrf >= profile.MaxCrf)
            throw new OvniException($"The lowest CRF ({profile.MinCrf}) must be below the highest ({profile.MaxCrf}) (encoding '{input}' with {options.Encoder}).") { FilePath = input };
        var baseline = StitchableHeaders.Apply(new VideoEncoderOptions { Encoder = options.Encoder, Preset = options.Preset, ExtraOptions = options.EncoderOptions });
        IReadOnlyList<EncoderVariant> variants = options.Variants ?? [];
        var settings = new[] { (Name: EncoderVariant.BaseName, Encoding: baseline) }.Concat(variants.Select(v => (v.Name, v.ApplyTo(baseline)))).ToArray();

        VideoTimeline timeline = VideoTimeline.Read(input, cancellationToken);
        if (timeline.Count < 2) throw new OvniException($"'{input}' is too short to encode by shots: {timeline.Count} frame(s).") { FilePath = input };
        // The shots are read by seeking, so no probe sees where the source's data really ends or counts its damage together:
        // one plain read of the whole source says so (as `ovni transcode` does), and which frames a decoder delivers at all.
        // A frame that cannot be decoded is left out of the shots (as a transcode leaves it out) instead of failing the shot
        // that holds it, which waits for it at its timestamp.
        progress?.Report(new TargetQualityProgress("source", double.NaN, "reading the source once"));
        (DecodeReport source, IReadOnlyList<long> decoded) = await ReadWholeSourceAsync(input, options.Configuration, cancellationToken).ConfigureAwait(false);
        List<string> warnings = source.IsClean ? [] : [source.Describe()];
        foreach (string warning in warnings) logger.LogWarning("{Warning}", warning);
        if (!source.IsClean && decoded.Count < timeline.Count) timeline = timeline.KeepOnly(decoded);
        if (timeline.Count < 2) throw new OvniException($"'{input}' is too short to encode by shots: {timeline.Count} frame(s) can be decoded.") { FilePath = input };
        progress?.Report(new TargetQualityProgress("scenes", double.NaN, "finding shots"));
        ChunkPlan plan = await ChunkedEncoder.MakePlanAsync(input, SourceIdentity.Compute(input), "hull", timeline,
            new ChunkedEncodeOptions { Encoding = baseline, Plan = options.Plan, CutPoints = options.CutPoints, Configuration = options.Configuration },
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Input}: {Shots} shots", input, plan.Chunks.Count);

        string fullOutput = Path.GetFullPath(output);
        // Beside the output (one file system, so publishing is a rename): the joined file, and the probes unless the caller
        // names a folder for them; a killed run's folder goes with the next run there.
        using ScratchFolder scratch = ScratchFolder.CreateBeside(fullOutput, "hull", logger);
        string folder = options.WorkDirectory ?? scratch.Path;
        bool ownFolder = options.WorkDirectory is null;
        string joined = Path.Combine(scratch.Path, "joined" + Path.GetExtension(fullOutput));
        var probes = new ConcurrentDictionary<(int Shot, int Variant, double Crf), (ShotPoint Point, string Path)>();
        var written = new ConcurrentBag<string>();
        try
        {
            Directory.CreateDirectory(folder);
            var probeClock = Stopwatch.StartNew();
            int parallel = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
            IShotProbeEncoder runner = options.ProbeEncoder ?? new LocalShotProbeEncoder(parallel);
            var context = new ProbeContext(Path.GetFullPath(input), timeline, plan, settings, profile, model, folder, parallel, runner, probes, written,
                new ScratchSpaceGuard(folder, ownFolder ? Path.GetDirectoryName(fullOutput)! : folder, input), progress);
            await context.MakeReferencesAsync(cancellationToken).ConfigureAwait(false);

            IReadOnlyList<double> coarse = options.CoarseCrfs?.Select(profile.Snap).Distinct().Order().ToArray() ?? CoarseGrid(profile, options);
            // Each refinement round probes every shot twice; the joined file, and a corrected one, once each.
            const int JoinPasses = 2;
            int refineAndJoinPasses = 2 * options.RefineRounds + JoinPasses;
            var coarseJobs = plan.Chunks.SelectMany(c => Enumerable.Range(0, settings.Length).SelectMany(v => coarse.Select(crf => (c.Index, v, crf)))).ToArray();
            if (settings.Length > 1)
            {
                // A variant that changes the codec headers would only fail at the join, after every probe: its first
                // probes (on the shortest shot) are joined with the base settings' at once.
                int shortest = plan.Chunks.MinBy(c => c.FrameCount)!.Index;
                await context.ProbeAsync(coarseJobs.Where(j => j.Index == shortest), "coarse, shortest shot", settings.Length * coarse.Count + refineAndJoinPasses, cancellationToken).ConfigureAwait(false);
                await context.CheckVariantsJoinAsync(shortest, coarse[0], cancellationToken).ConfigureAwait(false);
            }
            await context.ProbeAsync(coarseJobs.Where(j => !probes.ContainsKey(j)), "coarse", refineAndJoinPasses, cancellationToken).ConfigureAwait(false);
            double spacing = coarse.Count > 1 ? coarse.Zip(coarse.Skip(1), (a, b) => b - a).Min() : 4 * profile.Step, step = spacing;
            for (int round = 0; round < options.RefineRounds; round++)
            {
                step = Math.Max(profile.Step, Math.Round(step / 2 / profile.Step) * profile.Step);
                HullAllocation provisional = Allocate(context.Points(), options);
                var wanted = new List<(int, int, double)>();
                for (int s = 0; s < plan.Chunks.Count; s++)
                {
                    // Refined in the settings the shot chose.
                    double at = provisional.Chosen[s].Crf;
                    int variant = context.VariantIndex(provisional.Chosen[s].Variant);
                    var tried = probes.Keys.Where(k => k.Shot == s && k.Variant == variant).Select(k => k.Crf).ToArray();
                    // A shot chosen at the edge of what was tried may want to go further: a whole coarse step out, then half steps beside it.
                    double below = at <= tried.Min() ? at - spacing : at - step, above = at >= tried.Max() ? at + spacing : at + step;
                    foreach (double crf in new[] { below, above }.Select(profile.Snap))
                        if (!probes.ContainsKey((s, variant, crf))) wanted.Add((s, variant, crf));
                }
                if (wanted.Count == 0) break;
                await context.ProbeAsync(wanted, $"refine {round + 1}", 2 * (options.RefineRounds - round - 1) + JoinPasses, cancellationToken).ConfigureAwait(false);
            }
            probeClock.Stop();

            IReadOnlyList<IReadOnlyList<ShotPoint>> points = context.Points();
            HullAllocation allocation = Allocate(points, options);
            var shots = plan.Chunks.Select(c => new ShotReport(c.Index, c.StartFrame, c.FrameCount,
                points[c.Index].OrderBy(p => context.VariantIndex(p.Variant)).ThenBy(p => p.Crf).ToArray(), ShotHull.FlooredHull(points[c.Index], options.Floor, options.Pooling), allocation.Chosen[c.Index])).ToArray();
            ShotHullResult Unpublished(double measuredVmaf, double firstVmaf, TargetQualityOutcome why = TargetQualityOutcome.NotReachable) => new()
            {
                Output = null, Outcome = why, Shots = shots, Allocation = allocation, MeasuredVmaf = measuredVmaf,
                FirstMeasuredVmaf = firstVmaf, ProbeEncodes = probes.Count, MinShotVmaf = options.Floor, ProbeTime = probeClock.Elapsed, Elapsed = clock.Elapsed,
                Warnings = warnings,
            };
            string what = options.BudgetBytes is long b ? $"the budget of {b} bytes" : $"VMAF {options.TargetVmaf}";
            if (!allocation.Met)
            {
                // As `ovni encode --target-vmaf`: an unreachable target publishes nothing unless best effort is asked for.
                if (!options.BestEffort)
                {
                    logger.LogWarning("{Input}: {What} cannot be met within CRF {Min}–{Max}; nothing published (best effort publishes the closest)", input, what, profile.MinCrf, profile.MaxCrf);
                    progress?.Report(new TargetQualityProgress("done", 1, $"not published: {what} cannot be met within CRF {profile.MinCrf}–{profile.MaxCrf}"));
                    return Unpublished(double.NaN, double.NaN);
                }
                logger.LogWarning("{Input}: {What} cannot be met within CRF {Min}–{Max}; using the closest allocation (best effort)", input, what, profile.MinCrf, profile.MaxCrf);
            }
            double measured = await JoinAndVerifyAsync(context, allocation, joined, options, warnings, progress, cancellationToken).ConfigureAwait(false);
            double first = double.NaN;
            if (options.BudgetBytes is null && allocation.Met && measured < options.TargetVmaf - options.Tolerance)
            {
                // The shots are scored as the joined file shows them (ShotScorer), so a full verification measures what was
                // predicted; a sampled one can still fall short: aim higher by the error once, from the probes already made,
                // and verify again.
                HullAllocation corrected = ShotHull.ForTarget(points, options.TargetVmaf + (options.TargetVmaf - measured), options.Floor, options.Pooling);
                if (corrected.Met && corrected.Bytes != allocation.Bytes)
                {
                    logger.LogInformation("{Input}: measured VMAF {Measured:0.00} < {Target}; re-allocating", input, measured, options.TargetVmaf);
                    first = measured;
                    allocation = corrected;
                    measured = await JoinAndVerifyAsync(context, allocation, joined, options, warnings, progress, cancellationToken).ConfigureAwait(false);
                }
            }
            // The shots must be reported for the allocation that was joined last.
            shots = shots.Select(r => r with { Chosen = allocation.Chosen[r.Index] }).ToArray();
            long sourceBytes = LinkedFile.Resolve(input).Length, joinedBytes = new FileInfo(joined).Length;
            if (options.MaxSizePercent is double percent && joinedBytes > sourceBytes * percent / 100)
            {
                // As `ovni encode --max-size-percent`: an output larger than allowed is not published, best effort or not.
                progress?.Report(new TargetQualityProgress("done", 1, $"not published: {joinedBytes} bytes is more than {percent}% of the source ({sourceBytes} bytes)"));
                return Unpublished(measured, first, TargetQualityOutcome.TooLarge);
            }
            bool missed = !allocation.Met || (options.BudgetBytes is null && measured < options.TargetVmaf - options.Tolerance);
            if (missed && !options.BestEffort)
            {
                // Verified below the target even after the correction: as `ovni encode`, only best effort publishes it.
                progress?.Report(new TargetQualityProgress("done", 1, $"not published: measured VMAF {measured:0.00} < {options.TargetVmaf} − {options.Tolerance}"));
                return Unpublished(measured, first);
            }
            cancellationToken.ThrowIfCancellationRequested();
            MediaWriter.EnsureNotAnInput(fullOutput, input); // a link made to the source meanwhile
            File.Move(joined, fullOutput, overwrite: true);
            progress?.Report(new TargetQualityProgress("done", 1, $"published {output}"));
            return new ShotHullResult
            {
                Output = fullOutput, Outcome = missed ? TargetQualityOutcome.PublishedBelowTarget : TargetQualityOutcome.Published,
                Shots = shots, Allocation = allocation, MeasuredVmaf = measured, FirstMeasuredVmaf = first,
                OutputBytes = new FileInfo(fullOutput).Length, ProbeEncodes = probes.Count, MinShotVmaf = options.Floor,
                ProbeTime = probeClock.Elapsed, Elapsed = clock.Elapsed, Warnings = warnings,
            };
        }
        finally
        {
            // The scratch folder goes with its using: the joined file, and the probes unless the caller named their folder,
            // which may hold other things: there only what this run wrote is removed.
            if (!ownFolder)
                foreach (string path in written) TryDelete(path);
        }
    }

    /// <summary>
    /// Decodes the whole source once, from its start: its decode report (errors, truncation, missing frames) and the
    /// timestamps of the frames delivered, in the stream's time base as the timeline's (and as ChunkEncoder checks them).
    /// </summary>
    private static async Task<(DecodeReport Report, IReadOnlyList<long> Timestamps)> ReadWholeSourceAsync(string input, OvniConfiguration? configuration,
        CancellationToken cancellationToken)
    {
        var timestamps = new List<long>();
        await using MediaReader reader = MediaReader.Open(input, new MediaReaderOptions { Configuration = configuration });
        await foreach (GpuFrame frame in reader.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            using (frame)
                timestamps.Add(frame.Pts);
        }
        return (reader.GetDecodeReport(), timestamps);
    }

    private static HullAllocation Allocate(IReadOnlyList<IReadOnlyList<ShotPoint>> points, ShotHullOptions options) =>
        options.BudgetBytes is long budget ? ShotHull.ForBudget(points, budget, options.Floor, options.Pooling)
            : ShotHull.ForTarget(points, options.TargetVmaf, options.Floor, options.Pooling);

    /// <summary>Four CRFs a coarse step apart around the encoder's usual CRF for the target (static shots go high, busy ones low).</summary>
    internal static IReadOnlyList<double> CoarseGrid(EncoderProfile profile, ShotHullOptions options)
    {
        double target = options.BudgetBytes is null ? options.TargetVmaf : 93;
        double guess = profile.Guess(target);
        double spacing = Math.Max(profile.Step, Math.Round(3.6 / profile.VmafPerCrf)); // about 3.6 VMAF apart on a typical shot
        return new[] { guess - spacing, guess, guess + spacing, guess + 2 * spacing }.Select(profile.Snap).Distinct().Order().ToArray();
    }

    private static async Task<double> JoinAndVerifyAsync(ProbeContext context, HullAllocation allocation, string joined, ShotHullOptions options,
        List<string> warnings, IProgress<TargetQualityProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new TargetQualityProgress("join", double.NaN, $"joining {allocation.Chosen.Count} shots"));
        var files = allocation.Chosen.Select((p, s) => context.PathOf(s, p)).ToList();
        ConcatenationResult result = await ChunkJoin.JoinAsync(context.Input, context.Timeline, files, joined, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (string skipped in result.SkippedStreams)
            if (!warnings.Contains(skipped)) warnings.Add(skipped);
        if (options.Verify == VerifyMode.None) return double.NaN;
        progress?.Report(new TargetQualityProgress("verify", double.NaN, $"measuring VMAF of the joined file ({options.Verify})"));
        return await TargetQualityEncoder.MeasureAsync(context.Input, joined, context.Model, options.Pooling, options.Verify, cancellationToken).ConfigureAwait(false);
    }

    private static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>What every probe needs: the source, its shots, the lossless reference of each shot and the probes made.</summary>
    private sealed class ProbeContext(string input, VideoTimeline timeline, ChunkPlan plan, (string Name, VideoEncoderOptions Encoding)[] settings, EncoderProfile profile,
        VmafModel model, string folder, int parallel, IShotProbeEncoder runner, ConcurrentDictionary<(int Shot, int Variant, double Crf), (ShotPoint Point, string Path)> probes,
        ConcurrentBag<string> written, ScratchSpaceGuard space, IProgress<TargetQualityProgress>? progress)
    {
        // Threads per probe encode and per scoring: the cores shared by the probes that run at once here. They are part of
        // each probe's settings, so a worker that encodes it gets the same bytes as this machine would.
        private int Threads => Math.Max(1, Environment.ProcessorCount / parallel);

        private long _referenceBytes, _referenceFrames, _probeBytes, _probeFrames;

        private long TotalFrames => plan.FrameCount; // the shots cover the source

        // Enough frames written to project from: 2 % of the file, at least two seconds' worth.
        private long ProjectionFrames => Math.Min(TotalFrames, Math.Max(48, TotalFrames / 50));

        internal string Input => input;
        internal VideoTimeline Timeline => timeline;
        internal VmafModel Model => model;

        private string ReferencePath(int shot) => Path.Combine(folder, $"ref-{shot:D5}.mkv");

        internal string PathOf(int shot, ShotPoint point) => probes[(shot, VariantIndex(point.Variant), point.Crf)].Path;

        internal int VariantIndex(string name) => Array.FindIndex(settings, v => v.Name == name);

        /// <summary>Joins <paramref name="shot"/>'s probe at <paramref name="crf"/> in each variant after the base settings' (a throwaway file).</summary>
        /// <exception cref="OvniException">A variant whose encodes cannot follow the base settings' in one stream (other codec headers).</exception>
        internal async Task CheckVariantsJoinAsync(int shot, double crf, CancellationToken cancellationToken)
        {
            for (int v = 1; v < settings.Length; v++)
            {
                string trial = Path.Combine(folder, $"join-check-{settings[v].Name}.mkv");
                written.Add(trial);
                try
                {
                    await MediaConcatenator.ConcatenateAsync([probes[(shot, 0, crf)].Path, probes[(shot, v, crf)].Path], trial, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (OvniException e)
                {
                    throw new OvniException($"Shot variant '{settings[v].Name}' cannot be joined with the base settings' encodes, so it cannot be chosen per shot " +
                        $"(encoding '{input}'): {e.Message}", e) { FilePath = input };
                }
                finally
                {
                    TryDelete(trial);
                }
            }
        }

        internal IReadOnlyList<IReadOnlyList<ShotPoint>> Points() =>
            plan.Chunks.Select(c => (IReadOnlyList<ShotPoint>)probes.Where(p => p.Key.Shot == c.Index).Select(p => p.Value.Point).ToArray()).ToArray();

        internal Task MakeReferencesAsync(CancellationToken cancellationToken) =>
            // FFV1 keeps any pixel format losslessly: every probe of a shot is scored against the shot's own source frames.
            Parallel.ForEachAsync(plan.Chunks, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (chunk, ct) =>
            {
                written.Add(ReferencePath(chunk.Index));
                // With the source frame either side of the shot, for motion across the cuts (see ShotScorer).
                ChunkSpan span = ShotScorer.ReferenceSpan(chunk, timeline);
                ChunkRecord record = await ChunkEncoder.EncodeAsync(input, span, timeline, new VideoEncoderOptions { Encoder = "ffv1", PixelFormat = settings[0].Encoding.PixelFormat, Threads = 1 },
                    ReferencePath(chunk.Index), cancellationToken: ct).ConfigureAwait(false);
                long bytes = Interlocked.Add(ref _referenceBytes, record.Size), frames = Interlocked.Add(ref _referenceFrames, span.FrameCount);
                if (frames >= ProjectionFrames)
                    space.Require((long)((double)bytes / frames * (TotalFrames + 2 * plan.Chunks.Count)) - bytes,
                        $"the shots' lossless copies (projected from the {frames} of {TotalFrames} frames copied so far)");
            });

        /// <param name="jobs">The probes of this phase.</param>
        /// <param name="phase">Its name in progress reports.</param>
        /// <param name="laterPasses">How many more times every shot's frames will be encoded after this phase (later probe rounds
        /// and the joins), for the disk-space projection.</param>
        /// <param name="cancellationToken">Stops the probes; their files are removed by the caller.</param>
        internal async Task ProbeAsync(IEnumerable<(int Shot, int Variant, double Crf)> jobs, string phase, int laterPasses, CancellationToken cancellationToken)
        {
            // Longest shots first, so the last probe to finish is a short one.
            var list = jobs.Distinct().OrderByDescending(j => plan.Chunks[j.Shot].FrameCount).Select(job =>
            {
                (string name, VideoEncoderOptions encoding) = settings[job.Variant];
                var extra = new Dictionary<string, string>(encoding.ExtraOptions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                profile.Apply(job.Crf, extra);
                string tag = job.Variant == 0 ? "" : name + "-";
                string path = Path.Combine(folder, $"probe-{job.Shot:D5}-{tag}{job.Crf.ToString("0.##", CultureInfo.InvariantCulture)}.mkv");
                return new ShotProbe(job.Shot, plan.Chunks[job.Shot], job.Crf, encoding with { Threads = Threads, ExtraOptions = extra }, path, name);
            }).ToList();
            int done = 0;
            long phaseFramesLeft = list.Sum(p => (long)p.Span.FrameCount);
            var batch = new ShotProbeBatch(input, timeline, plan, phase, folder, list);
            await runner.EncodeAsync(batch, async (probe, record, ct) =>
            {
                // Recorded before scoring: a probe file that exists is removed at the end even if its scoring is cancelled.
                written.Add(probe.OutputPath);
                ChunkSpan chunk = probe.Span;
                var quality = new QualityOptions { Model = model, Metrics = QualityMetrics.Vmaf, Threads = Threads };
                IReadOnlyList<double> scored = await ShotScorer.ScoreAsync(ReferencePath(probe.Shot), probe.OutputPath, chunk, timeline.Count, quality, ct).ConfigureAwait(false);
                double sum = scored.Sum(), min = scored.Min(), inverse = scored.Sum(v => 1 / (v + 1));
                int variant = VariantIndex(probe.Variant);
                probes[(probe.Shot, variant, probe.Crf)] = (new ShotPoint(probe.Crf, record.Size, sum, chunk.FrameCount, min, inverse) { Variant = probe.Variant }, probe.OutputPath);
                long bytes = Interlocked.Add(ref _probeBytes, record.Size), frames = Interlocked.Add(ref _probeFrames, chunk.FrameCount);
                long left = Interlocked.Add(ref phaseFramesLeft, -chunk.FrameCount) + laterPasses * TotalFrames;
                if (frames >= ProjectionFrames)
                    space.Require((long)((double)bytes / frames * left), $"the probe encodes and the joined file (projected from the {frames} probe frames encoded so far)");
                int n = Interlocked.Increment(ref done);
                progress?.Report(new TargetQualityProgress("probe", (double)n / list.Count, $"{phase}: shot {probe.Shot} {(variant == 0 ? "" : probe.Variant + " ")}CRF {probe.Crf:0.##}: VMAF {sum / chunk.FrameCount:0.00}, {record.Size} bytes ({n}/{list.Count})"));
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
