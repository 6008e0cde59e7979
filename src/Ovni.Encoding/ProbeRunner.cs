// One probe: every sample encoded at one CRF with the real encoder and preset (its lead-out frames too, so the look-ahead
// sees what follows), then its own frames scored against the lossless sample (every Nth frame when the tuning subsamples;
// only the last lead-in frames are fed to the scorer, for motion's sake, and not pooled, nor a sample's first frame when the
// file has frames before it, see SampleSet.StartsMidFile).
// By default (SearchTuning.OneEncoder) one encoder on all cores codes all samples back to back, each starting with a forced key
// frame that nothing before it refers to, so each sample is still coded on its own, and the encoder starts once per probe;
// the file is then split by sample, one reader per core seeking straight to a sample's key frame and stopping after its
// scored frames. SVT-AV1's samples instead run on as one stream (SearchTuning.KeyFramePerSample false): its frames just after
// a key frame score well above the same frames mid-stream for a whole mini-GOP and more, so its samples start at a cut, as a
// scene does in the full encode, with a short lead-in, unless the samples' frames mostly repeat (see FrameRepeats): then every
// sample starts from a key frame as above. x264's samples run on as one stream too, repeats or not: after a forced key frame
// they scored above the full encode where frames repeat (see EncoderProfile). That file is read in order. Else each sample has
// its own single-threaded encoder, one sample per core at once.
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ovni.Quality;

namespace Ovni.Encoding;

internal static class ProbeRunner
{
    internal static Task<ProbeRecord> RunAsync(SampleSet samples, EncoderProfile profile, TargetQualityOptions options, double crf, VmafModel model,
        string temp, CancellationToken cancellationToken) =>
        options.EffectiveTuning.OneEncoder && samples.FrameCounts.Count(c => c > 0) > 1
            ? RunBatchAsync(samples, profile, options, crf, model, temp, cancellationToken)
            : RunPerSampleAsync(samples, profile, options, crf, model, temp, cancellationToken);

    /// <summary>
    /// A probe's encoder settings: the search's encoder, preset and options at <paramref name="crf"/>, and the source's frame
    /// rate, as the full encode is told it. Without the rate the writer assumes 25 fps, and x265's rate control weighs frames by
    /// their rate: on the 10 fps static camera its samples scored 1.0–2.4 VMAF below the same frames of the full encode (round 8).
    /// </summary>
    internal static VideoEncoderOptions EncoderOptions(SampleSet samples, EncoderProfile profile, TargetQualityOptions options, double crf, int threads,
        IReadOnlySet<long>? forcedKeyFrames = null)
    {
        var extra = new Dictionary<string, string>(options.EncoderOptions ?? new Dictionary<string, string>());
        profile.Apply(crf, extra);
        return new VideoEncoderOptions
        {
            Encoder = options.Encoder, Preset = options.Preset, Threads = threads, ExtraOptions = extra, ForcedKeyFrames = forcedKeyFrames,
            FrameRate = samples.FrameRate.IsValid ? samples.FrameRate : null,
        };
    }

    private static async Task<ProbeRecord> RunBatchAsync(SampleSet samples, EncoderProfile profile, TargetQualityOptions options, double crf, VmafModel model,
        string temp, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int count = samples.FrameCounts.Length;
        int cores = Math.Max(1, options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount);
        int[] included = Enumerable.Range(0, count).Where(k => samples.FrameCounts[k] > 0).ToArray();
        SearchTuning tuning = options.EffectiveTuning;
        // Per sample: the lead-in frames left out of the stream (a sample that runs on keeps only the last few of its lead-in),
        // and where it starts in the one stream (frames, in the order written).
        var skipped = new int[count];
        var starts = new long[count];
        var encodedCounts = (int[])samples.EncodedCounts.Clone();
        var keyFrames = new HashSet<long>();
        long position = 0;
        // One choice for the whole probe: mixing the two in one stream scored worse than either (static input, round 7).
        bool keyed = tuning.KeyFrameEverySample(included.Average(k => samples.RepeatShares[k]));
        foreach (int k in included)
        {
            if (!keyed) skipped[k] = Math.Max(0, samples.LeadIns[k] - Math.Max(0, tuning.StreamLeadInFrames));
            encodedCounts[k] -= skipped[k];
            starts[k] = position;
            if (keyed) keyFrames.Add(position);
            position += encodedCounts[k];
        }
        VideoEncoderOptions encoding = EncoderOptions(samples, profile, options, crf, cores, keyFrames.Count > 0 ? keyFrames : null);
        string path = Path.Combine(temp, $"probe-{crf:0.##}.mkv");
        var bytes = new long[count];
        var vmaf = new float[count][];
        foreach (int k in Enumerable.Range(0, count).Except(included)) vmaf[k] = [];
        try
        {
            await using (MediaWriter writer = MediaWriter.Create(path, encoding, new MediaWriterOptions { Container = "matroska" }))
                await writer.WriteAsync(BackToBack(samples, included, skipped, cancellationToken), cancellationToken: cancellationToken).ConfigureAwait(false);
            double encoded = clock.Elapsed.TotalSeconds;
            VideoTimeline timeline = VideoTimeline.Read(path, cancellationToken);
            foreach (int k in included)
                for (long i = starts[k]; i < Math.Min(timeline.Count, starts[k] + encodedCounts[k]); i++) bytes[k] += timeline.PacketSizes[(int)i];
            if (keyed)
                await ScoreSegmentsAsync(samples, options, model, path, included, starts, cores, vmaf, cancellationToken).ConfigureAwait(false);
            else
                await ScoreInOrderAsync(samples, options, model, path, included, skipped, cores, vmaf, cancellationToken).ConfigureAwait(false);
            options.Logger?.LogDebug("Probe CRF {Crf}: {Samples} samples ({Frames} frames) encoded by one encoder in {Encode:0.00} s, decoded and scored in {Score:0.00} s",
                crf, included.Length, position, encoded, clock.Elapsed.TotalSeconds - encoded);
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { }
        }
        return new ProbeRecord(crf, bytes, vmaf, clock.Elapsed.TotalSeconds, encodedCounts);
    }

    // The samples' frames one after the other, re-timed to one constant-rate clock (gaps between samples would tell the encoder's
    // rate control that a frame lasts seconds).
    private static async IAsyncEnumerable<GpuFrame> BackToBack(SampleSet samples, int[] included, int[] skipped,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Rational timeBase = samples.FrameRate.IsValid ? samples.FrameRate.Invert() : new Rational(1, 25);
        long n = 0;
        foreach (int k in included)
            await foreach (GpuFrame frame in Range(samples.Frames(k, cancellationToken), skipped[k], int.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                frame.TimeBase = timeBase;
                frame.Pts = n++;
                yield return frame;
            }
    }

    // The probe's file split by sample: each sample starts with a key frame, so a reader seeks straight to it (nothing decoded
    // in vain) and stops after its scored frames (its lead-out is never decoded); one reader per core, each taking every Nth sample.
    private static async Task ScoreSegmentsAsync(SampleSet samples, TargetQualityOptions options, VmafModel model, string path, int[] included, long[] starts,
        int cores, float[][] vmaf, CancellationToken cancellationToken)
    {
        int workers = Math.Min(cores, included.Length);
        double fps = samples.FrameRate.IsValid ? samples.FrameRate.ToDouble() : 25;
        int subsample = Math.Max(1, options.EffectiveTuning.VmafSubsample);
        await Parallel.ForAsync(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, async (w, ct) =>
        {
            await using MediaReader encoded = MediaReader.Open(path);
            var quality = new QualityOptions
            {
                Model = model, Metrics = QualityMetrics.Vmaf, Threads = Math.Max(1, cores / workers), Alignment = FrameAlignment.Index, Subsample = subsample,
            };
            for (int i = w; i < included.Length; i += workers)
            {
                int k = included[i];
                // Half a frame early, so that rounding in the container's timestamps cannot skip the sample's first frame.
                encoded.Seek(TimeSpan.FromSeconds(Math.Max(0, (starts[k] - 0.5) / fps)));
                int leadIn = samples.LeadIns[k], scored = leadIn + samples.FrameCounts[k], unfed = Unfed(leadIn, subsample);
                QualityResult result = await QualityScorer.ScoreStreamsAsync(Range(samples.Frames(k, ct), unfed, scored, ct), Range(Read(encoded, scored, ct), unfed, scored, ct),
                    quality, samples.FrameRate, cancellationToken: ct).ConfigureAwait(false);
                vmaf[k] = Pooled(result, leadIn - unfed, leadIn == 0 && samples.StartsMidFile[k] && scored > 1);
            }
        }).ConfigureAwait(false);
    }

    // The probe's file read once in order (samples that run on in the stream start with no key frame to seek to); each
    // sample's lead-out frames are decoded and dropped, and the lead-in frames left out of the stream are skipped in the reference.
    private static async Task ScoreInOrderAsync(SampleSet samples, TargetQualityOptions options, VmafModel model, string path, int[] included, int[] skipped,
        int cores, float[][] vmaf, CancellationToken cancellationToken)
    {
        int subsample = Math.Max(1, options.EffectiveTuning.VmafSubsample);
        var quality = new QualityOptions { Model = model, Metrics = QualityMetrics.Vmaf, Threads = cores, Alignment = FrameAlignment.Index, Subsample = subsample };
        await using MediaReader encoded = MediaReader.Open(path);
        foreach (int k in included)
        {
            int leadIn = samples.LeadIns[k] - skipped[k], scored = leadIn + samples.FrameCounts[k], unfed = Unfed(leadIn, subsample);
            QualityResult result = await QualityScorer.ScoreStreamsAsync(Range(samples.Frames(k, cancellationToken), skipped[k] + unfed, skipped[k] + scored, cancellationToken),
                Range(Read(encoded, scored, cancellationToken), unfed, scored, cancellationToken), quality, samples.FrameRate, cancellationToken: cancellationToken).ConfigureAwait(false);
            vmaf[k] = Pooled(result, leadIn - unfed, leadIn == 0 && samples.StartsMidFile[k] && scored > 1);
            for (int i = scored; i < samples.EncodedCounts[k] - skipped[k]; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using GpuFrame? leadOut = encoded.ReadFrame();
                if (leadOut is null) break;
            }
        }
    }

    /// <summary>
    /// Lead-in frames not fed to the scorer: all but the last few, which keep motion (it compares each frame with the one before)
    /// and the subsampling's phase (the same frames scored as when the whole lead-in is fed) as they were; the rest would be
    /// scored only to be dropped.
    /// </summary>
    internal static int Unfed(int leadIn, int subsample) => leadIn <= subsample ? 0 : (leadIn - 1) / subsample * subsample;

    // The scores pooled: from the first scored frame (counted from the first frame fed), or from the second when the sample has no
    // lead-in and starts mid-file (its first frame's motion is unknown).
    private static float[] Pooled(QualityResult result, int firstScored, bool skipFirst)
    {
        int first = firstScored > 0 ? firstScored : skipFirst ? 1 : 0;
        return result.Frames.Where(f => f.FrameNumber >= first).Select(f => (float)f.Vmaf).ToArray();
    }

    private static async IAsyncEnumerable<GpuFrame> Read(MediaReader reader, int count, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            GpuFrame? frame = reader.ReadFrame();
            if (frame is null) yield break;
            yield return frame;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static async Task<ProbeRecord> RunPerSampleAsync(SampleSet samples, EncoderProfile profile, TargetQualityOptions options, double crf, VmafModel model,
        string temp, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int count = samples.FrameCounts.Length;
        // One sample per core at once (an encoder on one thread wastes nothing waiting for its frame threads, and a core is never
        // idle while another sample is being scored); more threads per sample only when there are more cores than samples.
        int parallel = Math.Clamp(options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount, 1, Math.Max(1, count));
        int threads = Math.Max(1, Environment.ProcessorCount / parallel);
        var bytes = new long[count];
        var vmaf = new float[count][];
        long encodeTicks = 0, scoreTicks = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (k, ct) =>
        {
            if (samples.FrameCounts[k] == 0) { vmaf[k] = []; return; }
            VideoEncoderOptions encoding = EncoderOptions(samples, profile, options, crf, threads);
            string path = Path.Combine(temp, $"probe-{crf:0.##}-{k}.mkv");
            try
            {
                long started = Stopwatch.GetTimestamp();
                await using (MediaWriter writer = MediaWriter.Create(path, encoding, new MediaWriterOptions { Container = "matroska" }))
                    await writer.WriteAsync(samples.Frames(k, ct), cancellationToken: ct).ConfigureAwait(false);
                long written = Stopwatch.GetTimestamp();
                Interlocked.Add(ref encodeTicks, written - started);
                bytes[k] = new FileInfo(path).Length;
                var quality = new QualityOptions
                {
                    Model = model, Metrics = QualityMetrics.Vmaf, Threads = threads, Alignment = FrameAlignment.Time,
                    Subsample = Math.Max(1, options.EffectiveTuning.VmafSubsample),
                };
                await using MediaReader encoded = MediaReader.Open(path);
                int leadIn = samples.LeadIns[k], scored = leadIn + samples.FrameCounts[k], unfed = Unfed(leadIn, quality.Subsample);
                QualityResult result = await QualityScorer.ScoreStreamsAsync(Range(samples.Frames(k, ct), unfed, scored, ct), Range(encoded.ReadFramesAsync(ct), unfed, scored, ct),
                    quality, samples.FrameRate, cancellationToken: ct).ConfigureAwait(false);
                vmaf[k] = Pooled(result, leadIn - unfed, leadIn == 0 && samples.StartsMidFile[k] && scored > 1);
                Interlocked.Add(ref scoreTicks, Stopwatch.GetTimestamp() - written);
            }
            finally
            {
                try { File.Delete(path); } catch (IOException) { }
            }
        }).ConfigureAwait(false);
        options.Logger?.LogDebug("Probe CRF {Crf}: {Samples} samples, an encoder each, {Parallel} at once: encoding {Encode:0.00} s, decoding and scoring {Score:0.00} s (summed over samples), {Wall:0.00} s wall",
            crf, count, parallel, Stopwatch.GetElapsedTime(0, encodeTicks).TotalSeconds, Stopwatch.GetElapsedTime(0, scoreTicks).TotalSeconds, clock.Elapsed.TotalSeconds);
        return new ProbeRecord(crf, bytes, vmaf, clock.Elapsed.TotalSeconds, samples.EncodedCounts);
    }

    // Frames [from, to) of a stream: the ones before are read and disposed, the rest are not read (their producer stops when the
    // enumeration ends).
    private static async IAsyncEnumerable<GpuFrame> Range(IAsyncEnumerable<GpuFrame> frames, int from, int to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (to <= from) yield break;
        int n = 0;
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (n++ < from)
            {
                frame.Dispose();
                continue;
            }
            yield return frame;
            if (n >= to) yield break;
        }
    }
}
