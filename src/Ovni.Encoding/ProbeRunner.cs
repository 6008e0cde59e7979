// One probe: every sample encoded at one CRF with the real encoder and preset (its lead-out frames too, so the look-ahead
// sees what follows), then its own frames scored against the lossless sample (every Nth frame when the tuning subsamples;
// lead-in frames are scored for motion's sake but not pooled, nor a sample's first frame when the file has frames before it,
// see SampleSet.StartsMidFile).
// By default (SearchTuning.OneEncoder) one encoder codes all samples back to back, each starting with a forced key frame that
// nothing before it refers to, so each sample is still coded on its own: an encoder's start-up (SVT-AV1's is most of a short
// sample's cost) is paid once per probe instead of once per sample, and the one file is decoded once while the samples are
// scored in parallel. Else each sample has its own encoder, samples in parallel where there are cores for it.
using System.Diagnostics;
using System.Threading.Channels;
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

    private static async Task<ProbeRecord> RunBatchAsync(SampleSet samples, EncoderProfile profile, TargetQualityOptions options, double crf, VmafModel model,
        string temp, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int count = samples.FrameCounts.Length;
        int cores = Math.Max(1, options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount);
        int[] included = Enumerable.Range(0, count).Where(k => samples.FrameCounts[k] > 0).ToArray();
        // Where each sample starts in the one stream (frames, in the order written).
        var starts = new long[count];
        var keyFrames = new HashSet<long>();
        long position = 0;
        foreach (int k in included)
        {
            starts[k] = position;
            keyFrames.Add(position);
            position += samples.EncodedCounts[k];
        }
        var extra = new Dictionary<string, string>(options.EncoderOptions ?? new Dictionary<string, string>());
        profile.Apply(crf, extra);
        var encoding = new VideoEncoderOptions { Encoder = options.Encoder, Preset = options.Preset, Threads = cores, ExtraOptions = extra, ForcedKeyFrames = keyFrames };
        string path = Path.Combine(temp, $"probe-{crf:0.##}.mkv");
        var bytes = new long[count];
        var vmaf = new float[count][];
        foreach (int k in Enumerable.Range(0, count).Except(included)) vmaf[k] = [];
        try
        {
            await using (MediaWriter writer = MediaWriter.Create(path, encoding, new MediaWriterOptions { Container = "matroska" }))
                await writer.WriteAsync(BackToBack(samples, included, cancellationToken), cancellationToken: cancellationToken).ConfigureAwait(false);
            double encoded = clock.Elapsed.TotalSeconds;
            VideoTimeline timeline = VideoTimeline.Read(path, cancellationToken);
            foreach (int k in included)
                for (long i = starts[k]; i < Math.Min(timeline.Count, starts[k] + samples.EncodedCounts[k]); i++) bytes[k] += timeline.PacketSizes[(int)i];
            await ScoreSegmentsAsync(samples, options, model, path, included, cores, vmaf, cancellationToken).ConfigureAwait(false);
            options.Logger?.LogDebug("Probe CRF {Crf}: {Samples} samples ({Frames} frames) encoded by one encoder in {Encode:0.00} s, decoded and scored in {Score:0.00} s",
                crf, included.Length, position, encoded, clock.Elapsed.TotalSeconds - encoded);
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { }
        }
        return new ProbeRecord(crf, bytes, vmaf, clock.Elapsed.TotalSeconds, samples.EncodedCounts);
    }

    // The samples' frames one after the other, re-timed to one constant-rate clock (gaps between samples would tell the encoder's
    // rate control that a frame lasts seconds).
    private static async IAsyncEnumerable<GpuFrame> BackToBack(SampleSet samples, int[] included,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Rational timeBase = samples.FrameRate.IsValid ? samples.FrameRate.Invert() : new Rational(1, 25);
        long n = 0;
        foreach (int k in included)
            await foreach (GpuFrame frame in samples.Frames(k, cancellationToken).ConfigureAwait(false))
            {
                frame.TimeBase = timeBase;
                frame.Pts = n++;
                yield return frame;
            }
    }

    // One decode of the probe's file, split by sample: each sample's scored frames go to a scorer of its own, up to one scorer per
    // core at once, while the decode goes on; lead-out frames are dropped.
    private static async Task ScoreSegmentsAsync(SampleSet samples, TargetQualityOptions options, VmafModel model, string path, int[] included, int cores,
        float[][] vmaf, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken ct = failed.Token;
        using var slots = new SemaphoreSlim(cores);
        var scorers = new List<Task>();
        int threads = Math.Max(1, cores / Math.Min(cores, included.Length));
        await using MediaReader encoded = MediaReader.Open(path);
        await using IAsyncEnumerator<GpuFrame> frames = encoded.ReadFramesAsync(ct).GetAsyncEnumerator(ct);
        try
        {
            foreach (int k in included)
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
                var channel = Channel.CreateBounded<GpuFrame>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
                int leadIn = samples.LeadIns[k], scored = leadIn + samples.FrameCounts[k];
                int sample = k;
                scorers.Add(Task.Run(async () =>
                {
                    try
                    {
                        var quality = new QualityOptions
                        {
                            Model = model, Metrics = QualityMetrics.Vmaf, Threads = threads, Alignment = FrameAlignment.Index,
                            Subsample = Math.Max(1, options.EffectiveTuning.VmafSubsample),
                        };
                        QualityResult result = await QualityScorer.ScoreStreamsAsync(Take(samples.Frames(sample, ct), scored, ct), channel.Reader.ReadAllAsync(ct), quality,
                            samples.FrameRate, cancellationToken: ct).ConfigureAwait(false);
                        int firstPooled = leadIn > 0 ? leadIn : samples.StartsMidFile[sample] && scored > 1 ? 1 : 0;
                        vmaf[sample] = result.Frames.Where(f => f.FrameNumber >= firstPooled).Select(f => (float)f.Vmaf).ToArray();
                    }
                    catch
                    {
                        await failed.CancelAsync().ConfigureAwait(false);
                        throw;
                    }
                    finally
                    {
                        while (channel.Reader.TryRead(out GpuFrame? left)) left.Dispose();
                        slots.Release();
                    }
                }, CancellationToken.None));
                try
                {
                    for (int i = 0; i < samples.EncodedCounts[k]; i++)
                    {
                        if (!await frames.MoveNextAsync().ConfigureAwait(false)) break;
                        GpuFrame frame = frames.Current;
                        if (i >= scored)
                        {
                            frame.Dispose();
                            continue;
                        }
                        try
                        {
                            await channel.Writer.WriteAsync(frame, ct).ConfigureAwait(false);
                        }
                        catch
                        {
                            frame.Dispose();
                            throw;
                        }
                    }
                }
                finally
                {
                    channel.Writer.TryComplete();
                }
            }
        }
        finally
        {
            // A scorer's failure is the one to report (the decode then stops on the cancellation it caused).
            try
            {
                await Task.WhenAll(scorers).ConfigureAwait(false);
            }
            catch when (!cancellationToken.IsCancellationRequested && scorers.Any(t => t.IsFaulted))
            {
                throw scorers.First(t => t.IsFaulted).Exception!.InnerException!;
            }
        }
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
            var extra = new Dictionary<string, string>(options.EncoderOptions ?? new Dictionary<string, string>());
            profile.Apply(crf, extra);
            var encoding = new VideoEncoderOptions { Encoder = options.Encoder, Preset = options.Preset, Threads = threads, ExtraOptions = extra };
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
                int leadIn = samples.LeadIns[k], scored = leadIn + samples.FrameCounts[k];
                QualityResult result = await QualityScorer.ScoreStreamsAsync(Take(samples.Frames(k, ct), scored, ct), Take(encoded.ReadFramesAsync(ct), scored, ct), quality,
                    samples.FrameRate, cancellationToken: ct).ConfigureAwait(false);
                int firstPooled = leadIn > 0 ? leadIn : samples.StartsMidFile[k] && scored > 1 ? 1 : 0;
                vmaf[k] = result.Frames.Where(f => f.FrameNumber >= firstPooled).Select(f => (float)f.Vmaf).ToArray();
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

    // The first `count` frames of a stream; the rest are not read (their producer stops when the enumeration ends).
    private static async IAsyncEnumerable<GpuFrame> Take(IAsyncEnumerable<GpuFrame> frames, int count,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (count <= 0) yield break;
        int n = 0;
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
            if (++n >= count) yield break;
        }
    }
}
