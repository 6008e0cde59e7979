// Search + full encode + verification, which none of the tools this replaces does: the final file's VMAF is measured
// (fully, or in dense windows), a miss beyond the tolerance is corrected once by the observed error along the probes'
// slope, both encodes are recorded, and only a verified file within the size limit is moved into place.
using System.Diagnostics;
using Ovni.Quality;

namespace Ovni.Encoding;

/// <summary>Encodes a file at the CRF a <see cref="TargetQualitySearch"/> finds, verifies it and publishes it.</summary>
public static class TargetQualityEncoder
{
    private const double Overshoot = 1.0; // a verified score above target + 1 wastes bytes: corrected like a miss

    /// <summary>Searches, encodes <paramref name="input"/> into <paramref name="output"/> (audio and subtitles copied, colour tags and bit depth kept), verifies, and publishes.</summary>
    /// <exception cref="OvniException">Bad input or options, input and output the same file, or an encode failure; nothing is left at <paramref name="output"/>.</exception>
    public static async Task<TargetQualityEncodeResult> EncodeAsync(string input, string output, TargetQualityEncodeOptions options,
        IProgress<TargetQualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(output);
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new OvniException($"Input and output are the same file ('{input}'); Ovni never overwrites its source.") { FilePath = input };
        var search = new TargetQualitySearch(options.Search);
        TargetQualityResult answer = await search.SearchAsync(input, progress, cancellationToken).ConfigureAwait(false);
        long sourceBytes = new FileInfo(input).Length;
        if (!answer.Reachable && !options.BestEffort)
            return new TargetQualityEncodeResult { Search = answer, Attempts = [], Outcome = TargetQualityOutcome.NotReachable, SourceBytes = sourceBytes };

        EncoderProfile profile = EncoderProfile.For(options.Search.Encoder);
        profile = profile with { MinCrf = options.Search.MinCrf ?? profile.MinCrf, MaxCrf = options.Search.MaxCrf ?? profile.MaxCrf };
        VideoStreamInfo video = MediaReader.Probe(input).Video!;
        VmafModel model = (options.Search.Models ?? VmafModelCatalog.FromEnvironment()).For(video.Width, video.Height);
        double target = options.Search.TargetVmaf;
        string folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var attempts = new List<(EncodeAttempt Attempt, string Path)>();
        try
        {
            double crf = answer.Crf;
            for (int round = 0; round < 2; round++)
            {
                string candidate = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(output)}.ovni-tq{round}{Path.GetExtension(output)}");
                var clock = Stopwatch.StartNew();
                progress?.Report(new TargetQualityProgress("encode", double.NaN, $"encoding at CRF {crf:0.##}"));
                var extra = new Dictionary<string, string>(options.Search.EncoderOptions ?? new Dictionary<string, string>());
                profile.Apply(crf, extra);
                await Transcoder.TranscodeAsync(input, candidate, new VideoEncoderOptions { Encoder = options.Search.Encoder, Preset = options.Search.Preset, ExtraOptions = extra },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                TimeSpan encodeTime = clock.Elapsed;
                clock.Restart();
                progress?.Report(new TargetQualityProgress("verify", double.NaN, $"measuring VMAF of CRF {crf:0.##} ({options.Verify})"));
                double measured = options.Verify == VerifyMode.None ? double.NaN
                    : await MeasureAsync(input, candidate, model, options.Search.Pooling, options.Verify, cancellationToken).ConfigureAwait(false);
                var attempt = new EncodeAttempt(crf, measured, new FileInfo(candidate).Length, encodeTime, clock.Elapsed);
                attempts.Add((attempt, candidate));
                bool miss = measured < target - options.Tolerance || measured > target + Overshoot;
                if (double.IsNaN(measured) || !miss || round == 1) break;
                // Correct by the observed error along the probes' slope, aiming a little above the target.
                (double[] x, double[] y) = CrfInterpolator.Curve(answer.Probes.Select(p => (p.Crf, p.Vmaf)));
                double slope = CrfInterpolator.LocalSlope(x, y, crf, profile.VmafPerCrf);
                double corrected = profile.Snap(crf + (measured - (target + 0.2)) / slope);
                if (corrected == crf) corrected = profile.Snap(crf + (measured < target ? -profile.Step : profile.Step));
                if (corrected == crf) break;
                crf = corrected;
            }

            // The attempt to publish: the highest CRF that met the target, else the best score.
            var met = attempts.Where(a => double.IsNaN(a.Attempt.MeasuredVmaf) || a.Attempt.MeasuredVmaf >= target - options.Tolerance).ToList();
            var chosen = met.Count > 0 ? met.OrderByDescending(a => a.Attempt.Crf).First() : attempts.OrderByDescending(a => a.Attempt.MeasuredVmaf).First();
            var outcome = met.Count > 0 ? TargetQualityOutcome.Published : TargetQualityOutcome.PublishedBelowTarget;
            if (chosen.Attempt.Bytes > sourceBytes * options.MaxSizePercent / 100)
                return new TargetQualityEncodeResult { Search = answer, Attempts = attempts.Select(a => a.Attempt).ToList(), Outcome = TargetQualityOutcome.TooLarge, SourceBytes = sourceBytes };
            if (outcome == TargetQualityOutcome.PublishedBelowTarget && !options.BestEffort)
                return new TargetQualityEncodeResult { Search = answer, Attempts = attempts.Select(a => a.Attempt).ToList(), Outcome = TargetQualityOutcome.NotReachable, SourceBytes = sourceBytes };
            File.Move(chosen.Path, output, overwrite: true);
            return new TargetQualityEncodeResult
            {
                Search = answer, Attempts = attempts.Select(a => a.Attempt).ToList(), Outcome = outcome, Output = output,
                SourceBytes = sourceBytes, Final = chosen.Attempt,
            };
        }
        finally
        {
            foreach (var (_, path) in attempts)
                try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { }
        }
    }

    /// <summary>Pooled VMAF of <paramref name="encoded"/> against <paramref name="source"/>, fully or in 20 windows of about 0.5 % of the frames each.</summary>
    public static async Task<double> MeasureAsync(string source, string encoded, VmafModel model, VmafPooling pooling, VerifyMode mode, CancellationToken cancellationToken = default)
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
            await using MediaReader reference = MediaReader.Open(source);
            await using MediaReader distorted = MediaReader.Open(encoded);
            double duration = reference.Video.Duration.TotalSeconds > 0 ? reference.Video.Duration.TotalSeconds : reference.Info.Duration.TotalSeconds;
            double fps = reference.Video.FrameRate.IsValid ? reference.Video.FrameRate.ToDouble() : 25;
            const int windows = 20;
            int length = Math.Max(8, (int)(reference.Video.EstimatedFrameCount * 0.005));
            for (int w = 0; w < windows; w++)
            {
                double start = (duration - length / fps) * (w + 0.5) / windows;
                reference.Seek(TimeSpan.FromSeconds(Math.Max(0, start)));
                distorted.Seek(TimeSpan.FromSeconds(Math.Max(0, start)));
                QualityResult result = await QualityScorer.ScoreStreamsAsync(Take(reference, length), Take(distorted, length), quality, reference.Video.FrameRate,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                scores.AddRange(result.Frames.Select(f => f.Vmaf));
            }
        }
        if (scores.Count == 0) throw new OvniException($"No frames of '{encoded}' could be paired with '{source}' to verify it.") { FilePath = encoded };
        PooledScore pooled = PooledScore.From(scores.ToArray());
        return pooling switch
        {
            VmafPooling.HarmonicMean => pooled.HarmonicMean,
            VmafPooling.Percentile5 => pooled.Percentile5,
            VmafPooling.Min => pooled.Min,
            _ => pooled.Mean,
        };
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
