// Search + full encode + verification, which none of the tools this replaces does: the final file's VMAF is measured
// (fully, or in windows spread over the file), a miss beyond the window (target - tolerance … target + 1) is corrected by
// the observed error (the probes' curve moved to pass through the measured point); should that encode miss too, the
// samples' slope was not the file's, and one last encode is aimed between the two measured encodes. Every encode is recorded, and only
// a verified file within the size limit is moved into place; encodes are written beside the output under hidden names and
// removed on failure or cancellation.
using System.Diagnostics;
using Ovni.IO;
using Ovni.Quality;

namespace Ovni.Encoding;

/// <summary>Encodes a file at the CRF a <see cref="TargetQualitySearch"/> finds, verifies it and publishes it.</summary>
public static class TargetQualityEncoder
{
    private const double Overshoot = 1.0;        // a verified score above target + 1 wastes bytes: corrected like a miss
    private const double CorrectionMargin = 0.3; // the corrective encode aims this far above the target (the window is -0.25 … +1)
    private const int MostEncodes = 3;           // the first, the correction from the probes, the one between two measured encodes

    /// <summary>Searches, encodes <paramref name="input"/> into <paramref name="output"/> (audio and subtitles copied, colour tags and bit depth kept), verifies, and publishes.</summary>
    /// <exception cref="OvniException">Bad input or options, input and output the same file, or an encode failure; nothing is left at <paramref name="output"/>.</exception>
    public static async Task<TargetQualityEncodeResult> EncodeAsync(string input, string output, TargetQualityEncodeOptions options,
        IProgress<TargetQualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(output);
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new OvniException($"Input and output are the same file ('{input}'); Ovni never overwrites its source.") { FilePath = input };
        MediaWriter.EnsureNotAnInput(Path.GetFullPath(output), input); // through a link too: the rename below would replace the source
        string? outputFolder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (outputFolder is null || !Directory.Exists(outputFolder))
            throw new OvniException($"Cannot write '{output}': the folder '{outputFolder}' does not exist.") { FilePath = output };
        // The encode copies the source's audio and subtitles: a stream the container cannot hold fails now, not after the search.
        MediaWriter.CheckStreamsFit(output, new MediaWriterOptions { CopyStreamsFrom = input });
        var search = new TargetQualitySearch(options.Search);
        TargetQualityResult answer = await search.SearchAsync(input, progress, cancellationToken).ConfigureAwait(false);
        long sourceBytes = LinkedFile.Resolve(input).Length;
        if (!answer.Reachable && !options.BestEffort)
            return new TargetQualityEncodeResult { Search = answer, Attempts = [], Outcome = TargetQualityOutcome.NotReachable, SourceBytes = sourceBytes };

        EncoderProfile profile = EncoderProfile.For(options.Search.Encoder);
        profile = profile with { MinCrf = options.Search.MinCrf ?? profile.MinCrf, MaxCrf = options.Search.MaxCrf ?? profile.MaxCrf };
        VideoStreamInfo video = MediaReader.Probe(input).Video!;
        VmafModel model = (options.Search.Models ?? VmafModelCatalog.FromEnvironment()).For(video.Width, video.Height);
        double target = options.Search.TargetVmaf;
        // Beside the output (one file system, so publishing is a rename). The attempts not published go with the folder, and a
        // killed run's with the next run there.
        using ScratchFolder scratch = ScratchFolder.CreateBeside(output, "tq", options.Search.Logger);
        var attempts = new List<(EncodeAttempt Attempt, string Path)>();
        var skipped = new List<string>();
        var warnings = new List<string>();
        double crf = options.FirstCrfOffset == 0 ? answer.Crf : profile.Snap(answer.Crf + options.FirstCrfOffset);
        for (int round = 0; round < MostEncodes; round++)
        {
            string candidate = Path.Combine(scratch.Path, $"attempt-{round}{Path.GetExtension(output)}");
            var clock = Stopwatch.StartNew();
            progress?.Report(new TargetQualityProgress("encode", double.NaN, $"encoding at CRF {crf:0.##}"));
            var extra = new Dictionary<string, string>(options.Search.EncoderOptions ?? new Dictionary<string, string>());
            profile.Apply(crf, extra);
            TranscodeResult encoded = await Transcoder.TranscodeAsync(input, candidate,
                new VideoEncoderOptions { Encoder = options.Search.Encoder, Preset = options.Search.Preset, ExtraOptions = extra },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            attempts.Add((new EncodeAttempt(crf, double.NaN, new FileInfo(candidate).Length, clock.Elapsed, TimeSpan.Zero), candidate));
            if (round == 0)
            {
                skipped.AddRange(encoded.SkippedStreams);
                // A damaged or truncated source encodes "fine" into a shorter file: the user must hear of it, about the file
                // they asked for (not the hidden attempt it is published from).
                warnings.AddRange(encoded.Warnings.Select(w => w.Replace(candidate, output, StringComparison.Ordinal)));
            }
            TimeSpan encodeTime = clock.Elapsed;
            clock.Restart();
            progress?.Report(new TargetQualityProgress("verify", double.NaN, $"measuring VMAF of CRF {crf:0.##} ({options.Verify})"));
            double measured = double.NaN;
            if (options.Verify != VerifyMode.None)
            {
                IReadOnlyList<double> frames = await MeasureFramesAsync(input, candidate, model, options.Verify, cancellationToken).ConfigureAwait(false);
                measured = Pool(frames, options.Search.Pooling);
                options.Verified?.Invoke(crf, frames);
            }
            var attempt = attempts[^1].Attempt with { MeasuredVmaf = measured, VerifyTime = clock.Elapsed };
            attempts[^1] = (attempt, candidate);
            if (NextCrf(answer, profile, attempts.ConvertAll(a => (a.Attempt.Crf, a.Attempt.MeasuredVmaf)), target, options.Tolerance) is not { } next) break;
            crf = next;
        }

        // The attempt to publish: the highest CRF that met the target, else the best score.
        var met = attempts.Where(a => double.IsNaN(a.Attempt.MeasuredVmaf) || a.Attempt.MeasuredVmaf >= target - options.Tolerance).ToList();
        var chosen = met.Count > 0 ? met.OrderByDescending(a => a.Attempt.Crf).First() : attempts.OrderByDescending(a => a.Attempt.MeasuredVmaf).First();
        var outcome = met.Count > 0 ? TargetQualityOutcome.Published : TargetQualityOutcome.PublishedBelowTarget;
        var made = attempts.Select(a => a.Attempt).ToList();
        if (chosen.Attempt.Bytes > sourceBytes * options.MaxSizePercent / 100)
            return new TargetQualityEncodeResult { Search = answer, Attempts = made, Outcome = TargetQualityOutcome.TooLarge, SourceBytes = sourceBytes, SkippedStreams = skipped, Warnings = warnings };
        if (outcome == TargetQualityOutcome.PublishedBelowTarget && !options.BestEffort)
            return new TargetQualityEncodeResult { Search = answer, Attempts = made, Outcome = TargetQualityOutcome.NotReachable, SourceBytes = sourceBytes, SkippedStreams = skipped, Warnings = warnings };
        cancellationToken.ThrowIfCancellationRequested();
        MediaWriter.EnsureNotAnInput(Path.GetFullPath(output), input);
        File.Move(chosen.Path, output, overwrite: true);
        return new TargetQualityEncodeResult
        {
            Search = answer, Attempts = made, Outcome = outcome, Output = output, SourceBytes = sourceBytes, Final = chosen.Attempt, SkippedStreams = skipped, Warnings = warnings,
        };
    }

    /// <summary>
    /// The CRF of the next full encode after those measured so far (in order), or null when the last one is inside the window
    /// (target − <paramref name="tolerance"/> … target + 1), was not measured, or when no further encode is allowed or new:
    /// first the correction from the probes (<see cref="Correct"/>), then one on the line through the last two (<see cref="Between"/>).
    /// </summary>
    internal static double? NextCrf(TargetQualityResult answer, EncoderProfile profile, IReadOnlyList<(double Crf, double Measured)> measured, double target, double tolerance)
    {
        (double crf, double vmaf) = measured[^1];
        bool miss = vmaf < target - tolerance || vmaf > target + Overshoot;
        if (double.IsNaN(vmaf) || !miss || measured.Count >= MostEncodes) return null;
        double next = measured.Count == 1 ? Correct(answer, profile, crf, vmaf, target) : Between(profile, measured[^2], measured[^1], target);
        return measured.Any(m => m.Crf == next) ? null : next;
    }

    /// <summary>
    /// The CRF for the corrective encode: the probes' curve moved to pass through what the full encode showed (measured minus
    /// the curve at the CRF encoded), and read where it reaches a little above the target, so the second encode lands inside
    /// the window. Where the curve is steep, one CRF step can jump over the whole window: when the CRF so chosen is
    /// predicted above it, the next CRF up is taken if it is still predicted at the target or above. (Scaling the curve's
    /// distance from 100 instead was tried: near 100 a small miss becomes a huge factor.)
    /// </summary>
    internal static double Correct(TargetQualityResult answer, EncoderProfile profile, double crf, double measured, double target)
    {
        (double[] x, double[] y) = CrfInterpolator.Curve(answer.Probes.Select(p => (p.Crf, p.Vmaf)));
        double offset = measured - CrfInterpolator.Predict(x, y, crf, profile.VmafPerCrf);
        double Expected(double c) => CrfInterpolator.Predict(x, y, c, profile.VmafPerCrf) + offset;
        double aim = target + CorrectionMargin;
        double best = double.NaN;
        for (double c = profile.MinCrf; c <= profile.MaxCrf + 1e-9; c += profile.Step)
            if (Expected(c) >= aim) best = c;
        double corrected = double.IsNaN(best) ? profile.MinCrf : profile.Snap(best);
        double next = profile.Snap(corrected + profile.Step);
        if (!double.IsNaN(best) && Expected(corrected) > target + Overshoot && next <= profile.MaxCrf && Expected(next) >= target)
            corrected = next;
        if (corrected == crf) corrected = profile.Snap(crf + (measured < target ? -profile.Step : profile.Step));
        return corrected;
    }

    /// <summary>
    /// The CRF for the last encode, when the correction from the probes missed too: read off the line through the two full
    /// encodes measured (the file's own slope, where the probes' was off), aiming a little above the target; the CRF of
    /// <paramref name="b"/> when the two measurements give no usable slope (equal, or VMAF rising with the CRF).
    /// </summary>
    internal static double Between(EncoderProfile profile, (double Crf, double Vmaf) a, (double Crf, double Vmaf) b, double target)
    {
        double slope = (b.Vmaf - a.Vmaf) / (b.Crf - a.Crf);
        if (double.IsNaN(slope) || slope >= 0) return b.Crf;
        return profile.Snap(b.Crf + (target + CorrectionMargin - b.Vmaf) / slope);
    }

    private static double Pool(IReadOnlyList<double> scores, VmafPooling pooling)
    {
        PooledScore pooled = PooledScore.From(scores.ToArray());
        return pooling switch
        {
            VmafPooling.HarmonicMean => pooled.HarmonicMean,
            VmafPooling.Percentile5 => pooled.Percentile5,
            VmafPooling.Min => pooled.Min,
            _ => pooled.Mean,
        };
    }

    /// <summary>Pooled VMAF of <paramref name="encoded"/> against <paramref name="source"/>, fully or in windows spread over the file (<see cref="VerifyMode.Sampled"/>).</summary>
    /// <exception cref="OvniException">A file cannot be read, or no frames could be paired.</exception>
    public static async Task<double> MeasureAsync(string source, string encoded, VmafModel model, VmafPooling pooling, VerifyMode mode, CancellationToken cancellationToken = default) =>
        Pool(await MeasureFramesAsync(source, encoded, model, mode, cancellationToken).ConfigureAwait(false), pooling);

    /// <summary>Per-frame VMAF of the frames verified.</summary>
    internal static async Task<IReadOnlyList<double>> MeasureFramesAsync(string source, string encoded, VmafModel model, VerifyMode mode, CancellationToken cancellationToken)
    {
        var quality = new QualityOptions { Model = model, Metrics = QualityMetrics.Vmaf, Alignment = FrameAlignment.Time };
        var scores = new List<double>();
        if (mode == VerifyMode.Full)
        {
            QualityResult result = await QualityScorer.ScoreFilesAsync(source, encoded, quality, cancellationToken: cancellationToken).ConfigureAwait(false);
            scores.AddRange(result.Frames.Select(f => f.Vmaf));
        }
        else
        {
            double fps;
            long frames;
            Rational rate;
            await using (MediaReader probe = MediaReader.Open(source))
            {
                rate = probe.Video.FrameRate;
                fps = rate.IsValid ? rate.ToDouble() : 25;
                frames = probe.Video.EstimatedFrameCount;
                double duration = probe.Video.Duration.TotalSeconds > 0 ? probe.Video.Duration.TotalSeconds : probe.Info.Duration.TotalSeconds;
                if (frames <= 0) frames = (long)(duration * fps);
            }
            (int windows, int length) = SampledWindows(frames);
            IReadOnlyList<TimeSpan> starts = WindowStarts(frames, windows, length + 2, fps);
            var perWindow = new IEnumerable<double>[starts.Count];
            // Each window costs two seeks (a decode from the key frame before it in each file), one core's work: the windows are
            // shared out among one pair of readers per core, each pair taking every Nth window.
            int workers = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, starts.Count));
            await Parallel.ForAsync(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, async (w, ct) =>
            {
                await using MediaReader reference = MediaReader.Open(source);
                await using MediaReader distorted = MediaReader.Open(encoded);
                var own = quality with { Threads = 1 };
                for (int k = w; k < starts.Count; k += workers)
                {
                    // Windows sit in the middle of stretches of equal length, blind to key frames: the frames after a key frame
                    // score above the file (the encoder spends more there), so windows at key frames would promise more than the
                    // file gives. A seek decodes from the key frame before (decode only, no scoring). The first frame and the one
                    // after the window are read but not counted, so that motion (which looks at the neighbouring frames) scores
                    // the window's frames exactly as a full verification does.
                    reference.Seek(starts[k]);
                    distorted.Seek(starts[k]);
                    QualityResult result = await QualityScorer.ScoreStreamsAsync(Take(reference, length + 2), Take(distorted, length + 2), own, rate,
                        cancellationToken: ct).ConfigureAwait(false);
                    perWindow[k] = result.Frames.Skip(1).Take(Math.Min(length, result.Frames.Count - 2)).Select(f => f.Vmaf).ToArray();
                }
            }).ConfigureAwait(false);
            foreach (IEnumerable<double> window in perWindow) scores.AddRange(window);
        }
        if (scores.Count == 0) throw new OvniException($"No frames of '{encoded}' could be paired with '{source}' to verify it.") { FilePath = encoded };
        return scores;
    }

    /// <summary>Windows and frames per window of a sampled verification: about 8 % of the frames in up to 24 windows of at least 4 frames (more, shorter windows stray less from the file's mean: per-frame scores change slowly, so neighbouring frames tell little new).</summary>
    internal static (int Windows, int Length) SampledWindows(long frames)
    {
        int length = (int)Math.Max(4, frames * 0.08 / 24);
        int windows = (int)Math.Clamp(frames * 0.08 / length, 1, 24);
        return (windows, length);
    }

    /// <summary>Where the verification windows start: each centred in one of <paramref name="windows"/> stretches of equal length.</summary>
    internal static IReadOnlyList<TimeSpan> WindowStarts(long frames, int windows, int length, double fps)
    {
        var starts = new List<TimeSpan>(windows);
        for (int w = 0; w < windows; w++)
        {
            long start = Math.Clamp((long)Math.Round((w + 0.5) * frames / windows) - length / 2, 0, Math.Max(0, frames - length));
            // Half a frame early, so that rounding in the timestamps cannot skip the first frame.
            TimeSpan at = TimeSpan.FromSeconds(Math.Max(0, (start - 0.5) / fps));
            if (starts.Count == 0 || at > starts[^1]) starts.Add(at);
        }
        return starts;
    }

    private static async IAsyncEnumerable<GpuFrame> Take(MediaReader reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            GpuFrame? frame = reader.ReadFrame();
            if (frame is null) yield break;
            yield return frame;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
