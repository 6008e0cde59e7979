using Ovni.IO;
using Ovni.Quality;

namespace Ovni.Encoding.Ladder;

/// <summary>
/// Encodes one input at several CRFs — in parallel where cores allow, each encoder given its share of the threads —
/// and reports size, bit rate, VMAF and encode time per CRF: the rate–quality curve of one file with one encoder.
/// </summary>
public static class CrfLadder
{
    /// <summary>Runs the ladder; the points come back in CRF order.</summary>
    /// <exception cref="OvniException">The input cannot be read, the encoder is unknown, or a CRF is out of range.</exception>
    public static async Task<IReadOnlyList<LadderPoint>> RunAsync(string input, LadderOptions options, IProgress<(int Crf, double Fraction)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Crfs.Count == 0) throw new OvniException("The ladder needs at least one CRF.");
        if (options.Crfs.FirstOrDefault(c => c is < 0 or > 63) is int bad && options.Crfs.Any(c => c is < 0 or > 63))
            throw new OvniException($"CRF {bad} is outside 0–63.");
        MediaInfo info = MediaReader.Probe(input);
        if (info.Video is null) throw new OvniException($"'{input}' has no video stream.") { FilePath = input };
        int parallel = options.Parallel > 0 ? options.Parallel : Math.Max(1, Environment.ProcessorCount / 2);
        parallel = Math.Min(parallel, options.Crfs.Count);
        int threads = Math.Max(1, Environment.ProcessorCount / parallel);
        using ScratchFolder? scratch = options.KeepFolder is null ? ScratchFolder.Create("ladder") : null;
        string folder = scratch?.Path ?? options.KeepFolder!;
        Directory.CreateDirectory(folder);
        string extension = options.Container == "mp4" ? ".mp4" : ".mkv";
        using var gate = new SemaphoreSlim(parallel);
        Task<LadderPoint>[] rungs = options.Crfs.Distinct().Order().Select(async crf =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                string output = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(input)}.crf{crf}{extension}");
                var encoding = new VideoEncoderOptions { Encoder = options.Encoder, Crf = crf, Preset = options.Preset, Threads = threads };
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var report = new InlineProgress<PipelineProgress>(p => progress?.Report((crf, p.Fraction)));
                TranscodeResult result = await Transcoder.TranscodeAsync(input, output, encoding, new MediaWriterOptions { Container = options.Container },
                    progress: report, cancellationToken: cancellationToken).ConfigureAwait(false);
                TimeSpan elapsed = clock.Elapsed;
                double? vmaf = null;
                if (options.Model is not null)
                {
                    var quality = new QualityOptions { Model = options.Model, Metrics = QualityMetrics.Vmaf, Threads = threads };
                    vmaf = (await QualityScorer.ScoreFilesAsync(input, output, quality, cancellationToken: cancellationToken).ConfigureAwait(false)).Vmaf.Mean;
                }
                long bytes = new FileInfo(output).Length;
                double seconds = info.Duration > TimeSpan.Zero ? info.Duration.TotalSeconds : result.Frames / Math.Max(1e-9, info.Video.FrameRate.ToDouble());
                progress?.Report((crf, 1.0));
                return new LadderPoint(crf, bytes, (long)(bytes * 8 / Math.Max(1e-9, seconds)), vmaf, elapsed, result.Frames, options.KeepFolder is null ? null : output);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        return await Task.WhenAll(rungs).ConfigureAwait(false);
    }
}
