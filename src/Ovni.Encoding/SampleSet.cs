// The samples cut frame-exactly from the input by decoding (one reader per core) (a seek to the key frame before, then decoding forward to the
// sample's first frame: never stream copy, which starts at key frames and drifts), with the lead-in frames before it and the
// lead-out frames after it that are encoded but not scored. Kept as the lossless reference for
// every probe: raw frames in memory when they fit in 768 MiB, else FFV1 (lossless) files in
// the search's temporary folder; the whole file is read from the input itself.
namespace Ovni.Encoding;

internal sealed class SampleSet : IAsyncDisposable
{
    private const long MemoryBudget = 768L << 20;
    private readonly string _input;
    private readonly List<List<GpuFrame>>? _memory;
    private readonly List<string>? _files;

    private SampleSet(string input, List<List<GpuFrame>>? memory, List<string>? files, int[] counts, int[] totals, bool[]? midFile = null, int[]? leadIns = null,
        double[]? repeatShares = null)
    {
        RepeatShares = repeatShares ?? new double[counts.Length];
        LeadIns = leadIns ?? new int[counts.Length];
        StartsMidFile = midFile ?? new bool[counts.Length];
        _input = input;
        _memory = memory;
        _files = files;
        FrameCounts = counts;
        EncodedCounts = totals;
    }

    /// <summary>Frames scored per sample.</summary>
    internal int[] FrameCounts { get; }

    /// <summary>Frames encoded per sample (the lead-in, the scored ones and the lead-out after them).</summary>
    internal int[] EncodedCounts { get; }

    /// <summary>Frames before the scored ones per sample (encoded and fed to the scorer, not pooled).</summary>
    internal int[] LeadIns { get; }

    /// <summary>
    /// Per sample, whether it starts after the file's first frame: then its first frame's score is not the file's (VMAF's
    /// motion feature compares a frame with the one before, which the sample lacks, and scores 0 there: the frame scores
    /// several points low), so it is fed to the scorer (the next frame's motion needs it) but not pooled.
    /// </summary>
    internal bool[] StartsMidFile { get; }

    internal Rational FrameRate { get; private init; }

    /// <summary>Per sample, the share of its lead-in and scored frames that repeat the frame before (<see cref="FrameRepeats"/>).</summary>
    internal double[] RepeatShares { get; }

    internal static async Task<SampleSet> ExtractAsync(string input, IReadOnlyList<SampleSpan> spans, bool wholeFile, string tempDirectory,
        CancellationToken cancellationToken)
    {
        await using MediaReader reader = MediaReader.Open(input);
        VideoStreamInfo video = reader.Video;
        if (wholeFile)
        {
            int all = (int)Math.Max(1, video.EstimatedFrameCount);
            return new SampleSet(input, null, null, [all], [all]) { FrameRate = video.FrameRate };
        }
        long frameBytes = (long)video.Width * video.Height * 3 / 2 * (video.BitDepth > 8 ? 2 : 1);
        bool inMemory = spans.Sum(s => (long)s.LeadIn + s.FrameCount + s.LeadOut) * frameBytes <= MemoryBudget;
        var memory = inMemory ? new List<GpuFrame>[spans.Count] : null;
        var files = inMemory ? null : new string[spans.Count];
        var counts = new int[spans.Count];
        var totals = new int[spans.Count];
        var leadIns = new int[spans.Count];
        var repeats = new double[spans.Count];
        double fps = video.FrameRate.IsValid ? video.FrameRate.ToDouble() : 25;
        // The samples are cut by as many readers as there are cores (each seek decodes from the key frame before it, one
        // core's work), each reader taking every Nth sample.
        int workers = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, spans.Count));
        try
        {
            await Parallel.ForAsync(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, async (w, ct) =>
            {
                await using MediaReader? own = w == 0 ? null : MediaReader.Open(input);
                MediaReader worker = own ?? reader;
                for (int k = w; k < spans.Count; k += workers)
                {
                    ct.ThrowIfCancellationRequested();
                    // Half a frame early, so that rounding in the timestamps cannot skip the first frame wanted.
                    TimeSpan first = spans[k].Start - TimeSpan.FromSeconds((spans[k].LeadIn + 0.5) / fps);
                    worker.Seek(first < TimeSpan.Zero ? TimeSpan.Zero : first);
                    var frames = new List<GpuFrame>();
                    try
                    {
                        for (int i = 0; i < spans[k].LeadIn + spans[k].FrameCount + spans[k].LeadOut; i++)
                        {
                            GpuFrame? frame = worker.ReadFrame();
                            if (frame is null) break;
                            frames.Add(frame);
                        }
                    }
                    catch
                    {
                        foreach (GpuFrame f in frames) f.Dispose();
                        throw;
                    }
                    leadIns[k] = Math.Min(frames.Count, spans[k].LeadIn);
                    counts[k] = Math.Clamp(frames.Count - leadIns[k], 0, spans[k].FrameCount);
                    totals[k] = frames.Count;
                    repeats[k] = FrameRepeats.Share(frames, 0, leadIns[k] + counts[k], video.BitDepth);
                    if (memory is not null)
                    {
                        memory[k] = frames;
                        continue;
                    }
                    string path = Path.Combine(tempDirectory, $"sample-{k}.mkv");
                    try
                    {
                        await using MediaWriter writer = MediaWriter.Create(path, new VideoEncoderOptions { Encoder = "ffv1" }, new MediaWriterOptions { Container = "matroska" }, video);
                        await writer.WriteAsync(Shares(frames), cancellationToken: ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        foreach (GpuFrame f in frames) f.Dispose();
                    }
                    files![k] = path;
                }
            }).ConfigureAwait(false);
        }
        catch
        {
            if (memory is not null) foreach (var list in memory) if (list is not null) foreach (GpuFrame f in list) f.Dispose();
            throw;
        }
        if (counts.All(c => c < 2))
        {
            if (memory is not null) foreach (var list in memory) foreach (GpuFrame f in list) f.Dispose();
            throw new OvniException($"'{input}' has too few frames to sample (fewer than 2 at every sample position).") { FilePath = input };
        }
        return new SampleSet(input, memory?.ToList(), files?.ToList(), counts, totals, spans.Select(s => s.Start > TimeSpan.Zero).ToArray(), leadIns, repeats) { FrameRate = video.FrameRate };
    }

    /// <summary>The frames of sample <paramref name="k"/>, lead-in and lead-out included (the consumer disposes each).</summary>
    internal async IAsyncEnumerable<GpuFrame> Frames(int k, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_memory is not null)
        {
            foreach (GpuFrame frame in _memory[k])
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return frame.Share();
            }
            yield break;
        }
        await using MediaReader reader = MediaReader.Open(_files is null ? _input : _files[k]);
        await foreach (GpuFrame frame in reader.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
            yield return frame;
    }

    private static async IAsyncEnumerable<GpuFrame> Shares(List<GpuFrame> frames)
    {
        foreach (GpuFrame frame in frames) yield return frame.Share();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        if (_memory is not null) foreach (var list in _memory) foreach (GpuFrame f in list) f.Dispose();
        return ValueTask.CompletedTask;
    }
}
