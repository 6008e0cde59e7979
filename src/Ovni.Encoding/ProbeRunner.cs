// One probe: every sample encoded at one CRF with the real encoder and preset (its lead-out frames too, so the look-ahead
// sees what follows), then its own frames scored against the lossless sample (paired by time; every Nth frame when the
// tuning subsamples; lead-in frames are scored for motion's sake but not pooled, nor a sample's first frame when the file has
// frames before it, see SampleSet.StartsMidFile).
// Samples run in parallel where there are cores for it, each encoder and scorer given its share.
using System.Diagnostics;
using Ovni.Quality;

namespace Ovni.Encoding;

internal static class ProbeRunner
{
    internal static async Task<ProbeRecord> RunAsync(SampleSet samples, EncoderProfile profile, TargetQualityOptions options, double crf, VmafModel model,
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
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (k, ct) =>
        {
            if (samples.FrameCounts[k] == 0) { vmaf[k] = []; return; }
            var extra = new Dictionary<string, string>(options.EncoderOptions ?? new Dictionary<string, string>());
            profile.Apply(crf, extra);
            var encoding = new VideoEncoderOptions { Encoder = options.Encoder, Preset = options.Preset, Threads = threads, ExtraOptions = extra };
            string path = Path.Combine(temp, $"probe-{crf:0.##}-{k}.mkv");
            try
            {
                await using (MediaWriter writer = MediaWriter.Create(path, encoding, new MediaWriterOptions { Container = "matroska" }))
                    await writer.WriteAsync(samples.Frames(k, ct), cancellationToken: ct).ConfigureAwait(false);
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
            }
            finally
            {
                try { File.Delete(path); } catch (IOException) { }
            }
        }).ConfigureAwait(false);
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
