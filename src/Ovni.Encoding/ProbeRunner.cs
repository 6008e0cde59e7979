// One probe: every sample encoded at one CRF with the real encoder and preset, then scored against the lossless sample
// (frames paired by time). Samples run in parallel where there are cores for it, each encoder and scorer given its share.
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
        int parallel = Math.Clamp(options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount / 2, 1, Math.Max(1, count));
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
                var quality = new QualityOptions { Model = model, Metrics = QualityMetrics.Vmaf, Threads = threads, Alignment = FrameAlignment.Time };
                await using MediaReader encoded = MediaReader.Open(path);
                QualityResult result = await QualityScorer.ScoreStreamsAsync(samples.Frames(k, ct), encoded.ReadFramesAsync(ct), quality, samples.FrameRate,
                    cancellationToken: ct).ConfigureAwait(false);
                vmaf[k] = result.Frames.Select(f => (float)f.Vmaf).ToArray();
            }
            finally
            {
                try { File.Delete(path); } catch (IOException) { }
            }
        }).ConfigureAwait(false);
        return new ProbeRecord(crf, bytes, vmaf, clock.Elapsed.TotalSeconds);
    }
}
