// Streaming scorer: frame pairs go in one at a time, are copied into pooled buffers and scored in parallel
// on worker threads (VIF/ADM/SSIM/PSNR of a frame are independent of other frames). Motion needs the previous
// reference frame, so each frame's buffers stay alive until the next frame is scored; motion2 (min of this and
// the next frame's motion) and the model prediction run at completion, as libvmaf does when it flushes.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;
using Microsoft.Extensions.Logging;

namespace Ovni.Quality;

/// <summary>
/// Scores distorted frames against reference frames with VMAF, PSNR and SSIM, matching libvmaf.
/// Add frame pairs in order with <c>Add</c> (from one thread), then call <see cref="CompleteAsync"/>.
/// </summary>
public sealed partial class QualityScorer : IAsyncDisposable
{
    private readonly YuvFormat _format;
    private readonly QualityOptions _options;
    private readonly ConcurrentBag<FrameBuffers> _pool = [];
    private readonly SemaphoreSlim _freeBuffers;
    private readonly BlockingCollection<FrameJob> _jobs = [];
    private readonly Task[] _workers;
    private readonly List<FrameFeatures> _features = [];
    private readonly Lock _featuresLock = new();
    private readonly double _vifGainLimit, _admGainLimit;
    private FrameBuffers? _previous;
    private int _added;
    private volatile Exception? _failure;
    private bool _completed;

    /// <summary>Creates a scorer for frames of one format.</summary>
    /// <exception cref="ArgumentException">VMAF requested without a model, or an unsupported format.</exception>
    public QualityScorer(YuvFormat format, QualityOptions? options = null)
    {
        format.Validate();
        options ??= new QualityOptions();
        if (options.Metrics.HasFlag(QualityMetrics.Vmaf) && options.Model is null)
            throw new ArgumentException("VMAF needs a model: set QualityOptions.Model (VmafModel.Load(path)).", nameof(options));
        if (options.Subsample < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Subsample must be at least 1.");
        _format = format;
        _options = options;
        int threads = Math.Max(1, options.Threads);
        _freeBuffers = new SemaphoreSlim(2 * threads + 2);
        double vifLimit = options.Model?.VifEnhancementGainLimit ?? 100, admLimit = options.Model?.AdmEnhancementGainLimit ?? 100;
        _vifGainLimit = vifLimit;
        _admGainLimit = admLimit;
        _workers = new Task[threads];
        for (int i = 0; i < threads; i++)
        {
            var worker = new FrameFeatureWorker(format, options.Metrics, vifLimit, admLimit);
            _workers[i] = Task.Factory.StartNew(() => Work(worker), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>The frame format this scorer accepts.</summary>
    public YuvFormat Format => _format;

    /// <summary>Frame pairs added so far.</summary>
    public int FramesAdded => _added;

    /// <summary>Adds an 8-bit frame pair. Blocks while all pooled buffers are busy.</summary>
    public void Add(YuvPlanes<byte> reference, YuvPlanes<byte> distorted)
    {
        if (_format.BitDepth != 8)
            throw new ArgumentException($"The scorer expects {_format.BitDepth}-bit frames: pass ushort planes.");
        bool chroma = reference.HasChroma && distorted.HasChroma;
        if (chroma)
        {
            CheckChroma(reference.U); CheckChroma(reference.V); CheckChroma(distorted.U); CheckChroma(distorted.V);
        }
        var buffers = Begin(reference.Y, distorted.Y, chroma);
        WidenPlane(reference.Y, buffers.RefY, _format.Width);
        WidenPlane(distorted.Y, buffers.DistY, _format.Width);
        if (buffers.HasChroma)
        {
            WidenPlane(reference.U, buffers.RefU, _format.ChromaWidth); WidenPlane(reference.V, buffers.RefV, _format.ChromaWidth);
            WidenPlane(distorted.U, buffers.DistU, _format.ChromaWidth); WidenPlane(distorted.V, buffers.DistV, _format.ChromaWidth);
        }
        Submit(buffers);
    }

    /// <summary>Adds a 10/12-bit frame pair (samples right-aligned in 16 bits). Blocks while all pooled buffers are busy.</summary>
    public void Add(YuvPlanes<ushort> reference, YuvPlanes<ushort> distorted)
    {
        if (_format.BitDepth == 8)
            throw new ArgumentException("The scorer expects 8-bit frames: pass byte planes.");
        bool chroma = reference.HasChroma && distorted.HasChroma;
        if (chroma)
        {
            CheckChroma(reference.U); CheckChroma(reference.V); CheckChroma(distorted.U); CheckChroma(distorted.V);
        }
        var buffers = Begin(reference.Y, distorted.Y, chroma);
        CopyPlane(reference.Y, buffers.RefY, _format.Width);
        CopyPlane(distorted.Y, buffers.DistY, _format.Width);
        if (buffers.HasChroma)
        {
            CopyPlane(reference.U, buffers.RefU, _format.ChromaWidth); CopyPlane(reference.V, buffers.RefV, _format.ChromaWidth);
            CopyPlane(distorted.U, buffers.DistU, _format.ChromaWidth); CopyPlane(distorted.V, buffers.DistV, _format.ChromaWidth);
        }
        Submit(buffers);
    }

    private FrameBuffers Begin<T>(ReadOnlySpan2D<T> refY, ReadOnlySpan2D<T> distY, bool chroma) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_failure is { } failure)
            throw new OvniException($"Quality scoring failed: {failure.Message}", failure);
        if (refY.Width != _format.Width || refY.Height != _format.Height || distY.Width != _format.Width || distY.Height != _format.Height)
            throw new ArgumentException($"Luma planes must be {_format.Width}x{_format.Height}, got {refY.Width}x{refY.Height} and {distY.Width}x{distY.Height}.");
        _freeBuffers.Wait();
        var buffers = _pool.TryTake(out var pooled) ? pooled : new FrameBuffers(_format);
        buffers.HasChroma = chroma && _options.Metrics.HasFlag(QualityMetrics.Psnr); // only PSNR reads chroma: VMAF/SSIM skip its copy
        return buffers;
    }

    private void CheckChroma<T>(ReadOnlySpan2D<T> plane) where T : unmanaged
    {
        if (plane.Width != _format.ChromaWidth || plane.Height != _format.ChromaHeight)
            throw new ArgumentException($"Chroma planes must be {_format.ChromaWidth}x{_format.ChromaHeight}, got {plane.Width}x{plane.Height}.");
    }

    private void Submit(FrameBuffers buffers)
    {
        int index = _added++;
        buffers.References = 2; // its own job, and the next frame's motion
        bool scored = index % _options.Subsample == 0;
        lock (_featuresLock)
            _features.Add(new FrameFeatures { FrameNumber = index, Scored = scored });
        _jobs.Add(new FrameJob(index, buffers, _previous, scored));
        _previous = buffers;
    }

    internal static void WidenPlane(ReadOnlySpan2D<byte> plane, ushort[] target, int width)
    {
        for (int i = 0; i < plane.Height; i++)
        {
            var row = plane.GetRowSpan(i);
            var dst = target.AsSpan(i * width, width);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j + 32 <= row.Length; j += 32)
                {
                    var (lower, upper) = Vector256.Widen(Vector256.Create(row.Slice(j, 32)));
                    lower.CopyTo(dst.Slice(j, 16));
                    upper.CopyTo(dst.Slice(j + 16, 16));
                }
            }
            for (; j < row.Length; j++)
                dst[j] = row[j];
        }
    }

    internal static void CopyPlane(ReadOnlySpan2D<ushort> plane, ushort[] target, int width)
    {
        for (int i = 0; i < plane.Height; i++)
            plane.GetRowSpan(i).CopyTo(target.AsSpan(i * width, width));
    }

    private void Work(FrameFeatureWorker worker)
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            try
            {
                if (job.Scored && _failure is null)
                {
                    var features = new FrameFeatures { FrameNumber = job.Index, Scored = true };
                    worker.Compute(job.Current, job.Previous, ref features);
                    lock (_featuresLock)
                        _features[job.Index] = features;
                }
            }
            catch (Exception e)
            {
                _failure ??= e;
            }
            finally
            {
                Release(job.Current);
                if (job.Previous is not null) Release(job.Previous);
            }
        }
    }

    private void Release(FrameBuffers buffers)
    {
        if (Interlocked.Decrement(ref buffers.References) == 0)
        {
            _pool.Add(buffers);
            _freeBuffers.Release();
        }
    }

    /// <summary>Waits for all added frames and returns per-frame and pooled scores.</summary>
    /// <exception cref="OvniException">A frame could not be scored.</exception>
    public async Task<QualityResult> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        _jobs.CompleteAdding();
        await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_previous is not null) { Release(_previous); _previous = null; }
        if (_failure is { } failure)
            throw new OvniException($"Quality scoring failed: {failure.Message}", failure);
        return BuildResult();
    }

    private QualityResult BuildResult()
    {
        var scored = CollectionsMarshal.AsSpan(_features).ToArray().Where(f => f.Scored).ToArray();
        var model = _options.Model;
        bool vmaf = _options.Metrics.HasFlag(QualityMetrics.Vmaf) && model is not null;
        bool transform = _options.EnableTransform ?? model?.TransformEnabledByDefault ?? false;
        var frames = new QualityFrameScores[scored.Length];
        Span<double> modelInput = stackalloc double[model?.Features.Count ?? 0];
        for (int k = 0; k < scored.Length; k++)
        {
            ref var f = ref scored[k];
            double motion2 = k + 1 < scored.Length ? Math.Min(f.Motion, scored[k + 1].Motion) : f.Motion;
            double score = double.NaN;
            if (vmaf)
            {
                for (int j = 0; j < modelInput.Length; j++)
                {
                    modelInput[j] = model!.Features[j] switch
                    {
                        VmafFeature.Adm2 => f.Adm2,
                        VmafFeature.Motion2 => motion2,
                        VmafFeature.VifScale0 => f.Vif0,
                        VmafFeature.VifScale1 => f.Vif1,
                        VmafFeature.VifScale2 => f.Vif2,
                        _ => f.Vif3,
                    };
                }
                score = model!.Predict(modelInput, transform, _options.Clip);
            }
            frames[k] = new QualityFrameScores
            {
                FrameNumber = f.FrameNumber, Vmaf = score, Adm2 = f.Adm2, Motion2 = vmaf ? motion2 : double.NaN, Motion = f.Motion,
                VifScale0 = f.Vif0, VifScale1 = f.Vif1, VifScale2 = f.Vif2, VifScale3 = f.Vif3,
                PsnrY = f.PsnrY, PsnrCb = f.PsnrCb, PsnrCr = f.PsnrCr, Ssim = f.Ssim,
            };
        }
        var pooled = new Dictionary<string, PooledScore>();
        var values = new double[frames.Length];
        foreach (var (name, get) in QualityMetricNames.All)
        {
            bool any = false;
            for (int k = 0; k < frames.Length; k++)
            {
                values[k] = get(frames[k]);
                any |= !double.IsNaN(values[k]);
            }
            if (any) pooled[name] = PooledScore.From(values);
        }
        return new QualityResult { Frames = frames, Pooled = pooled, ReferenceFrameCount = _added, DistortedFrameCount = _added };
    }

    /// <summary>Stops the workers; frames not yet scored are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_jobs.IsAddingCompleted)
        {
            _failure ??= new OperationCanceledException("The scorer was disposed before completion.");
            _jobs.CompleteAdding();
        }
        _completed = true;
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _deviceScorer?.Dispose();
        _jobs.Dispose();
        _freeBuffers.Dispose();
    }

    /// <summary>
    /// Scores two raw planar .yuv files (as written by <c>ffmpeg -f rawvideo</c>). When their frame counts differ,
    /// the first min(count) frames are scored, a warning is logged and <see cref="QualityResult.FrameCountMismatch"/> is set.
    /// </summary>
    /// <exception cref="OvniException">A file cannot be read.</exception>
    public static async Task<QualityResult> ScoreRawFilesAsync(string referencePath, string distortedPath, YuvFormat format,
        QualityOptions options, IProgress<QualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        format.Validate();
        using var reference = OpenRaw(referencePath);
        using var distorted = OpenRaw(distortedPath);
        long frameBytes = format.FrameBytes;
        int refFrames = (int)(reference.Length / frameBytes), distFrames = (int)(distorted.Length / frameBytes);
        int count = Math.Min(refFrames, distFrames);
        if (reference.Length % frameBytes != 0 || distorted.Length % frameBytes != 0)
            options.Logger?.LogWarning("A raw file does not hold a whole number of {Width}x{Height} frames; the partial last frame is ignored.",
                format.Width, format.Height);
        if (refFrames != distFrames)
            options.Logger?.LogWarning("Frame counts differ: {Reference} has {RefFrames} frames, {Distorted} has {DistFrames}; scoring the first {Count}.",
                referencePath, refFrames, distortedPath, distFrames, count);

        var refBuffer = new byte[frameBytes];
        var distBuffer = new byte[frameBytes];
        var scorer = new QualityScorer(format, options);
        await using (scorer.ConfigureAwait(false))
        {
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ReadFrameAsync(reference, refBuffer, referencePath, cancellationToken).ConfigureAwait(false);
                await ReadFrameAsync(distorted, distBuffer, distortedPath, cancellationToken).ConfigureAwait(false);
                scorer.AddRaw(refBuffer, distBuffer);
                progress?.Report(new QualityProgress(i + 1, count));
            }
            var result = await scorer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return result with { ReferenceFrameCount = refFrames, DistortedFrameCount = distFrames };
        }
    }

    private static FileStream OpenRaw(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot open raw video '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    private static async Task ReadFrameAsync(FileStream stream, byte[] buffer, string path, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException)
        {
            throw new OvniException($"Cannot read a frame from '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    // Slices a raw planar frame into plane views and adds it.
    internal void AddRaw(byte[] referenceFrame, byte[] distortedFrame)
    {
        int w = _format.Width, h = _format.Height, cw = _format.ChromaWidth, ch = _format.ChromaHeight;
        if (_format.BitDepth == 8)
        {
            Add(Planes8(referenceFrame, w, h, cw, ch), Planes8(distortedFrame, w, h, cw, ch));
        }
        else
        {
            Add(Planes16(referenceFrame, w, h, cw, ch), Planes16(distortedFrame, w, h, cw, ch));
        }
    }

    private static YuvPlanes<byte> Planes8(byte[] frame, int w, int h, int cw, int ch) => new(
        new ReadOnlySpan2D<byte>(frame, 0, h, w, 0),
        new ReadOnlySpan2D<byte>(frame, w * h, ch, cw, 0),
        new ReadOnlySpan2D<byte>(frame, w * h + cw * ch, ch, cw, 0));

    private static YuvPlanes<ushort> Planes16(byte[] frame, int w, int h, int cw, int ch)
    {
        var samples = MemoryMarshal.Cast<byte, ushort>(frame.AsSpan());
        return new YuvPlanes<ushort>(
            ReadOnlySpan2D<ushort>.DangerousCreate(samples[0], h, w, 0),
            ReadOnlySpan2D<ushort>.DangerousCreate(samples[w * h], ch, cw, 0),
            ReadOnlySpan2D<ushort>.DangerousCreate(samples[w * h + cw * ch], ch, cw, 0));
    }
}
