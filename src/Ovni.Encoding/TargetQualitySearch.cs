using System.Diagnostics;
using System.Security.Cryptography;

using Microsoft.Extensions.Logging;
using Ovni.IO;
using Ovni.Quality;
using Ovni.Scenes;

namespace Ovni.Encoding;

/// <summary>
/// Finds the highest CRF whose encode still reaches a pooled VMAF target ("the smallest file that scores 95"): samples of
/// the input (placed on scenes, else at even intervals, or the whole file) are cut frame-exactly and kept losslessly;
/// probes encode them with the real encoder and preset and score them with Ovni's VMAF (4K model above 2560×1440); the
/// answer is read off the probes by bracketing, then a straight line, then a monotone cubic (PCHIP). "Not reachable" is
/// an answer: the best CRF in range with its score. Probes and sample plans are cached in SQLite when
/// <see cref="TargetQualityOptions.CachePath"/> is set, so a repeated search encodes nothing.
/// </summary>
/// <example>
/// <code>
/// var search = new TargetQualitySearch(new TargetQualityOptions { TargetVmaf = 95, Encoder = "libx265", Preset = "fast" });
/// TargetQualityResult answer = await search.SearchAsync("film.mkv", cancellationToken: ct);
/// Console.WriteLine($"CRF {answer.Crf}: VMAF {answer.PredictedVmaf:0.00}, {answer.PredictedSizePercent:0}% of the source");
/// </code>
/// </example>
public sealed class TargetQualitySearch
{
    /// <summary>Changes whenever probe results could change for the same inputs (scoring, sampling, pooling code).</summary>
    internal const string MetricVersion = "ovni-vmaf-2/tq-4"; // vmaf-2: full-range pairs compared in their own code values

    private readonly TargetQualityOptions _options;

    /// <summary>Creates a search with these options.</summary>
    public TargetQualitySearch(TargetQualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The options of this search.</summary>
    public TargetQualityOptions Options => _options;

    /// <summary>Searches the CRF for <paramref name="input"/>.</summary>
    /// <exception cref="OvniException">Bad options (target outside 0–100, min ≥ max CRF), an encoder this FFmpeg lacks, an input that is missing, has no video or is too short to sample.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the temporary folder is removed.</exception>
    public async Task<TargetQualityResult> SearchAsync(string input, IProgress<TargetQualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        _options.Validate(input);
        var clock = Stopwatch.StartNew();
        EncoderProfile profile = EncoderProfile.For(_options.Encoder);
        double minCrf = _options.MinCrf ?? profile.MinCrf, maxCrf = _options.MaxCrf ?? profile.MaxCrf;
        profile = profile with { MinCrf = minCrf, MaxCrf = maxCrf };
        if (minCrf >= maxCrf) throw new OvniException($"The lowest CRF ({minCrf}) must be below the highest ({maxCrf}) (searching '{input}').") { FilePath = input };
        EncoderCheck.Require(_options.Encoder, input);

        MediaInfo info = MediaReader.Probe(input);
        if (info.Video is null) throw new OvniException($"'{input}' has no video stream to encode.") { FilePath = input };
        VideoStreamInfo video = info.Video;
        double fps = video.FrameRate.IsValid ? video.FrameRate.ToDouble() : 25;
        VmafModelCatalog models = _options.Models ?? VmafModelCatalog.FromEnvironment();
        VmafModel model = models.For(video.Width, video.Height);
        InputIdentity identity = InputIdentity.Of(input);
        long sourceBytes = identity.Size;

        using SearchCache? cache = SearchCache.Open(_options.CachePath);
        (SamplePlacement placement, IReadOnlyList<SampleSpan> spans, long frames) =
            await PlanAsync(input, video, fps, identity, cache, progress, cancellationToken).ConfigureAwait(false);
        string probeKey = Key(identity.ToString(), placement.ToString(), string.Join(";", spans.Select(SpanKey)), _options.EffectiveTuning.Key,
            _options.Encoder, _options.Preset ?? "", string.Join(";", (_options.EncoderOptions ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")),
            Path.GetFileName(models.Name(video.Width, video.Height)), MetricVersion);

        using ScratchFolder scratch = ScratchFolder.Create("tq", _options.Logger);
        string temp = scratch.Path;
        SampleSet? samples = null;
        try
        {
            var records = new List<ProbeRecord>();
            var probes = new List<CrfProbe>();
            async Task<CrfProbe> Probe(double crf)
            {
                ProbeRecord? record = cache?.GetProbe(probeKey, crf);
                bool cached = record is not null;
                if (record is null)
                {
                    if (samples is null)
                    {
                        progress?.Report(new TargetQualityProgress("samples", double.NaN, $"cutting {spans.Count} sample(s) by decoding"));
                        samples = await SampleSet.ExtractAsync(input, spans, placement == SamplePlacement.WholeFile, temp, cancellationToken).ConfigureAwait(false);
                    }
                    progress?.Report(new TargetQualityProgress("probe", probes.Count / (double)_options.MaxProbes, $"probe {probes.Count + 1}: CRF {crf:0.##}"));
                    record = await ProbeRunner.RunAsync(samples, profile, _options, crf, model, temp, cancellationToken).ConfigureAwait(false);
                    cache?.PutProbe(probeKey, record);
                }
                records.Add(record);
                var probe = new CrfProbe(crf, Pool(record, spans), record.Bytes.Sum(), PredictBytes(record, spans, frames), record.Seconds, cached);
                probes.Add(probe);
                _options.Logger?.LogInformation("Probe CRF {Crf}: VMAF {Vmaf:0.000}{Cached}", crf, probe.Vmaf, cached ? " (cached)" : "");
                return probe;
            }

            double target = _options.TargetVmaf;
            double crf0 = profile.Guess(target);
            CrfProbe first = await Probe(crf0).ConfigureAwait(false);
            double slope = profile.VmafPerCrf;
            while (probes.Count < _options.MaxProbes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (double[] x, double[] y) = CrfInterpolator.Curve(probes.Select(p => (p.Crf, p.Vmaf)));
                bool below = y.Any(v => v < target), above = y.Any(v => v >= target);
                if (!above && x[0] <= minCrf) break;  // even the best CRF in range misses: not reachable
                if (!below && x[^1] >= maxCrf) break; // even the worst CRF in range meets it
                // Until the target is bracketed, aim a little past it (towards the side no probe covers yet), so that the next
                // probe brackets it even when the slope was guessed somewhat wrong.
                double overshoot = below && above ? 0
                    : (above ? 1 : -1) * _options.EffectiveTuning.OvershootVmaf / Math.Max(0.5 * slope, CrfInterpolator.LocalSlope(x, y, above ? x[^1] : x[0], slope));
                double next = profile.Snap(Math.Clamp(SolveCrf(x, y, target, slope, profile) + overshoot, minCrf, maxCrf));
                // Close enough when a probe sits just above the target (within a step, or NearVmaf) with one below it, or the
                // bracket is one step wide, or narrow enough in VMAF that the line between its probes is as good as another
                // probe (the curve bends little over a few CRF: the line's error is about 0.15 across a 3.5-VMAF bracket).
                double nearVmaf = Math.Max(0.6 * slope * profile.Step + 0.15, _options.EffectiveTuning.NearVmaf);
                CrfProbe? near = probes.Where(p => p.Vmaf >= target && p.Vmaf - target <= nearVmaf).OrderByDescending(p => p.Crf).FirstOrDefault();
                CrfProbe? good = probes.Where(p => p.Vmaf >= target).MaxBy(p => p.Crf), bad = probes.Where(p => p.Vmaf < target).MinBy(p => p.Crf);
                bool tight = good is not null && bad is not null
                    && (bad.Crf - good.Crf <= profile.Step * 1.01 || good.Vmaf - bad.Vmaf <= _options.EffectiveTuning.BracketVmaf);
                if (near is not null && below || tight) break;
                if (probes.Any(p => p.Crf == next))
                {
                    // The curve says a CRF already probed: step once beside it towards the target, then stop.
                    next = profile.Snap(next + (probes.First(p => p.Crf == next).Vmaf >= target ? profile.Step : -profile.Step));
                    if (probes.Any(p => p.Crf == next)) break;
                }
                await Probe(next).ConfigureAwait(false);
            }

            (double[] cx, double[] cy) = CrfInterpolator.Curve(probes.Select(p => (p.Crf, p.Vmaf)));
            (double answer, double predicted, bool reachable, string how) = Answer(cx, cy, target, profile);
            long predictedBytes = InterpolateBytes(probes, answer);
            double secondsPerFrame = records.Count > 0 ? records.Average(r => r.Seconds / Math.Max(1, r.Frames.Sum())) : 0;
            progress?.Report(new TargetQualityProgress("done", 1, $"CRF {answer:0.##}: predicted VMAF {predicted:0.00}"));
            return new TargetQualityResult
            {
                Input = input, TargetVmaf = target, Reachable = reachable, Crf = answer, PredictedVmaf = predicted,
                PredictedBytes = predictedBytes, PredictedSizePercent = sourceBytes > 0 ? 100.0 * predictedBytes / sourceBytes : 0,
                PredictedEncodeTime = TimeSpan.FromSeconds(secondsPerFrame * frames * 0.6), // scoring is about 40 % of a probe's time
                Probes = probes, Placement = placement, SampleCount = spans.Count, SampleFrames = spans.Sum(s => (long)s.FrameCount),
                Interpolation = how, Elapsed = clock.Elapsed, Encoder = _options.Encoder, Preset = _options.Preset,
            };
        }
        finally
        {
            if (samples is not null) await samples.DisposeAsync().ConfigureAwait(false); // before the folder goes
        }
    }

    private async Task<(SamplePlacement, IReadOnlyList<SampleSpan>, long)> PlanAsync(string input, VideoStreamInfo video, double fps, InputIdentity identity,
        SearchCache? cache, IProgress<TargetQualityProgress>? progress, CancellationToken cancellationToken)
    {
        SearchTuning tuning = _options.EffectiveTuning;
        string planKey = Key(identity.ToString(), _options.Placement.ToString(), _options.SampleCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _options.EffectiveSampleDuration.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), tuning.LeadOutFrames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            tuning.LeadInFrames.ToString(System.Globalization.CultureInfo.InvariantCulture), tuning.MaxSamples.ToString(System.Globalization.CultureInfo.InvariantCulture), tuning.DetectScenes.ToString(), tuning.SamplesPerMinute.ToString("R", System.Globalization.CultureInfo.InvariantCulture), MetricVersion);
        if (cache?.GetPlan<CachedPlan>(planKey) is { } cached)
        {
            var spans = cached.StartSeconds.Select((s, i) => new SampleSpan(TimeSpan.FromSeconds(s), cached.FrameCounts[i], cached.Weights[i], cached.LeadOuts?[i] ?? 0, cached.LeadIns?[i] ?? 0)).ToList();
            return (cached.Placement, spans, cached.Frames);
        }
        long frames = video.EstimatedFrameCount;
        SceneDetectionResult? scenes = null;
        KeyFrameIndex? keyFrames = null;
        int sampleFrames = SamplePlanner.SampleFrames(_options, fps);
        bool whole = SamplePlanner.WholeFile(_options, frames, fps);
        if (!whole && _options.Placement is SamplePlacement.Auto or SamplePlacement.Systematic or SamplePlacement.KeyFrames)
        {
            progress?.Report(new TargetQualityProgress("keyframes", double.NaN, "reading the key frames"));
            keyFrames = KeyFrameIndex.Read(input, cancellationToken);
            if (keyFrames.FrameCount > 0) frames = keyFrames.FrameCount;
        }
        // The key frame index (read from the packets, no decode) gives Auto the exact frame count; the scene detector decodes
        // the whole file (about a fifth of an x264-fast encode's time) and runs only when scenes are asked for.
        if (!whole && _options.Placement == SamplePlacement.Scenes)
        {
            progress?.Report(new TargetQualityProgress("scenes", double.NaN, "detecting scenes"));
            scenes = await SceneDetector.DetectAsync(input, cancellationToken: cancellationToken).ConfigureAwait(false);
            frames = scenes.FrameCount;
        }
        if (!whole && keyFrames is null && scenes is not { Scenes.Count: > 1 } && _options.Placement == SamplePlacement.Scenes)
        {
            progress?.Report(new TargetQualityProgress("keyframes", double.NaN, "reading the key frames"));
            keyFrames = KeyFrameIndex.Read(input, cancellationToken);
        }
        if (frames < 2) throw new OvniException($"'{input}' is too short to search: {frames} frame(s).") { FilePath = input };
        if (_options.SampleCount > 0 && frames < sampleFrames)
            throw new OvniException($"'{input}' ({frames} frames) is shorter than one sample ({sampleFrames} frames); use a shorter sample length or the whole file.") { FilePath = input };
        (SamplePlacement placement, IReadOnlyList<SampleSpan> plan) = SamplePlanner.Plan(frames, fps, _options, scenes, keyFrames);
        cache?.PutPlan(planKey, new CachedPlan(placement, plan.Select(s => s.Start.TotalSeconds).ToArray(), plan.Select(s => s.FrameCount).ToArray(),
            plan.Select(s => s.Weight).ToArray(), frames, plan.Select(s => s.LeadOut).ToArray(), plan.Select(s => s.LeadIn).ToArray()));
        return (placement, plan, frames);
    }

    // The CRF where the curve through the probes meets the target (outside the probes: along the nearest slope).
    private static double SolveCrf(double[] x, double[] y, double target, double fallbackSlope, EncoderProfile profile)
    {
        double lo = profile.MinCrf, hi = profile.MaxCrf;
        if (CrfInterpolator.Predict(x, y, lo, fallbackSlope) < target) return lo;
        if (CrfInterpolator.Predict(x, y, hi, fallbackSlope) >= target) return hi;
        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if (CrfInterpolator.Predict(x, y, mid, fallbackSlope) >= target) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    private static (double Crf, double Vmaf, bool Reachable, string How) Answer(double[] x, double[] y, double target, EncoderProfile profile)
    {
        if (y.All(v => v < target) && x[0] <= profile.MinCrf) return (x[0], y[0], false, "probe");
        string how = x.Length >= 3 ? "pchip" : x.Length == 2 ? "linear" : "probe";
        bool bracketed = y.Any(v => v >= target) && y.Any(v => v < target);
        if (!bracketed && x.Length == 1) how = "probe";
        else if (!bracketed) how = "bracketing";
        // The highest CRF on the encoder's grid whose predicted score meets the target, never beyond the probes' slope.
        double best = double.NaN;
        for (double c = profile.MinCrf; c <= profile.MaxCrf + 1e-9; c += profile.Step)
            if (CrfInterpolator.Predict(x, y, c, profile.VmafPerCrf) >= target) best = c;
        if (double.IsNaN(best)) return (profile.MinCrf, CrfInterpolator.Predict(x, y, profile.MinCrf, profile.VmafPerCrf), false, how);
        return (Math.Round(best, 2), CrfInterpolator.Predict(x, y, best, profile.VmafPerCrf), true, how);
    }

    /// <summary>Pools per-frame scores of all samples into one prediction for the whole file, each sample weighted by its share.</summary>
    private double Pool(ProbeRecord record, IReadOnlyList<SampleSpan> spans)
    {
        var values = new List<(double Vmaf, double Weight)>();
        for (int k = 0; k < record.Vmaf.Length; k++)
        {
            float[] scores = record.Vmaf[k];
            if (scores.Length == 0) continue;
            double w = spans[k].Weight / scores.Length;
            foreach (float v in scores) values.Add((v, w));
        }
        double total = values.Sum(v => v.Weight);
        if (values.Count == 0 || total <= 0) return double.NaN;
        switch (_options.Pooling)
        {
            case VmafPooling.Mean:
                return values.Sum(v => v.Vmaf * v.Weight) / total;
            case VmafPooling.HarmonicMean:
                return total / values.Sum(v => v.Weight / (v.Vmaf + 1)) - 1;
            case VmafPooling.Min:
                return values.Min(v => v.Vmaf);
            default:
                var sorted = values.OrderBy(v => v.Vmaf).ToList();
                double limit = 0.05 * total, seen = 0;
                foreach (var v in sorted)
                {
                    seen += v.Weight;
                    if (seen >= limit) return v.Vmaf;
                }
                return sorted[^1].Vmaf;
        }
    }

    private static long PredictBytes(ProbeRecord record, IReadOnlyList<SampleSpan> spans, long frames)
    {
        double perFrame = 0, weights = 0;
        for (int k = 0; k < record.Bytes.Length; k++)
        {
            int n = record.Frames[k];
            if (n == 0 || record.Vmaf[k].Length == 0) continue;
            perFrame += spans[k].Weight * record.Bytes[k] / n;
            weights += spans[k].Weight;
        }
        return weights > 0 ? (long)(perFrame / weights * frames) : 0;
    }

    // Sizes fall roughly exponentially with CRF: interpolate log(bytes) between the nearest probes.
    private static long InterpolateBytes(List<CrfProbe> probes, double crf)
    {
        var sorted = probes.Where(p => p.PredictedBytes > 0).OrderBy(p => p.Crf).ToList();
        if (sorted.Count == 0) return 0;
        if (sorted.Count == 1) return sorted[0].PredictedBytes;
        int k = 0;
        while (k < sorted.Count - 2 && sorted[k + 1].Crf < crf) k++;
        CrfProbe a = sorted[k], b = sorted[k + 1];
        double t = (crf - a.Crf) / (b.Crf - a.Crf);
        return (long)Math.Exp(Math.Log(a.PredictedBytes) + t * (Math.Log(b.PredictedBytes) - Math.Log(a.PredictedBytes)));
    }

    // A sample's part of the probe key. Its start in tenths of a millisecond, not in ticks: a plan read back from the cache
    // has its starts through seconds as a double, which can land one tick off a start computed from a fractional frame rate
    // (24000/1001), and then a repeated search missed every probe.
    internal static string SpanKey(SampleSpan s) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(s.Start.TotalMilliseconds * 10)}/{s.FrameCount}/{s.Weight:0.#########}/{s.LeadOut}/{s.LeadIn}");

    private static string Key(params string[] parts) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("|", parts))));
}
