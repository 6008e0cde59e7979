// Streaming scorer: frame pairs go in one at a time, are copied into pooled buffers and scored in parallel
// on worker threads (VIF/ADM/SSIM/PSNR of a frame are independent of other frames). Motion needs the previous
// reference frame, so each frame's buffers stay alive until the next frame is scored; motion2 (min of this and
// the next frame's motion) and the model prediction run at completion, as libvmaf does when it flushes.
using System.Collections.Concurrent;
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
    private readonly QualityMetrics _metrics;
    private readonly VmafModel? _model;
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

    /// <summary>
    /// Creates a scorer for frame pairs of one size and planar YUV format, added one pair at a time with
    /// <see cref="Add(GpuFrame, GpuFrame)"/> and finished with <see cref="CompleteAsync"/>. The VMAF model is
    /// <see cref="QualityOptions.Model"/>, else libvmaf's built-in model for this size (<see cref="VmafModel.ForResolution"/>).
    /// </summary>
    /// <param name="width">Luma width in pixels.</param>
    /// <param name="height">Luma height in pixels.</param>
    /// <param name="format">yuv420p, yuv420p10, yuv420p12, yuv422p, yuv422p10, yuv444p or yuv444p10 (and the "j" forms).</param>
    /// <param name="options">What to compute; defaults when null.</param>
    /// <exception cref="OvniException">An unsupported format or size, or a subsample step below 1.</exception>
    public QualityScorer(int width, int height, PixelFormat format, QualityOptions? options = null)
        : this(YuvFormat.Of(width, height, format), options)
    {
    }

    /// <summary>Creates a scorer for frames of one geometry (the plane overloads of Add take frames of any bit depth).</summary>
    internal QualityScorer(YuvFormat format, QualityOptions? options = null)
    {
        format.Validate();
        options ??= new QualityOptions();
        if (options.Subsample < 1)
            throw new OvniException($"QualityOptions.Subsample is {options.Subsample}; score every frame (1) or every Nth frame (N > 1).");
        _format = format;
        _options = options;
        _metrics = options.Metrics;
        _model = options.Metrics.HasFlag(QualityMetrics.Vmaf) ? options.Model ?? VmafModel.ForResolution(format.Width, format.Height) : options.Model;
        int threads = Math.Max(1, options.Threads);
        _freeBuffers = new SemaphoreSlim(2 * threads + 2);
        double vifLimit = _model?.VifEnhancementGainLimit ?? 100, admLimit = _model?.AdmEnhancementGainLimit ?? 100;
        _vifGainLimit = vifLimit;
        _admGainLimit = admLimit;
        _workers = new Task[threads];
        for (int i = 0; i < threads; i++)
        {
            var worker = new FrameFeatureWorker(format, _metrics, vifLimit, admLimit);
            _workers[i] = Task.Factory.StartNew(() => Work(worker), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>The frame geometry this scorer accepts.</summary>
    internal YuvFormat Format => _format;

    /// <summary>Frame pairs added so far.</summary>
    public int FramesAdded => _added;

    /// <summary>Adds an 8-bit frame pair. Blocks while all pooled buffers are busy.</summary>
    internal void Add(YuvPlanes<byte> reference, YuvPlanes<byte> distorted)
    {
        if (_format.BitDepth != 8)
            throw new OvniException($"The scorer expects {_format.BitDepth}-bit frames: pass ushort planes.");
        AddPlanes(reference, distorted);
    }

    /// <summary>Adds a 10/12-bit frame pair (samples right-aligned in 16 bits). Blocks while all pooled buffers are busy.</summary>
    internal void Add(YuvPlanes<ushort> reference, YuvPlanes<ushort> distorted)
    {
        if (_format.BitDepth == 8)
            throw new OvniException("The scorer expects 8-bit frames: pass byte planes.");
        AddPlanes(reference, distorted);
    }

    private void AddPlanes<T>(YuvPlanes<T> reference, YuvPlanes<T> distorted) where T : unmanaged
    {
        bool chroma = reference.HasChroma && distorted.HasChroma;
        if (chroma)
        {
            CheckChroma(reference.U); CheckChroma(reference.V); CheckChroma(distorted.U); CheckChroma(distorted.V);
        }
        var buffers = Begin(reference.Y, distorted.Y, chroma);
        ScoringPlanes.Copy(reference.Y, buffers.RefY, _format.Width);
        ScoringPlanes.Copy(distorted.Y, buffers.DistY, _format.Width);
        if (buffers.HasChroma)
        {
            ScoringPlanes.Copy(reference.U, buffers.RefU, _format.ChromaWidth); ScoringPlanes.Copy(reference.V, buffers.RefV, _format.ChromaWidth);
            ScoringPlanes.Copy(distorted.U, buffers.DistU, _format.ChromaWidth); ScoringPlanes.Copy(distorted.V, buffers.DistV, _format.ChromaWidth);
        }
        Submit(buffers);
    }

    private FrameBuffers Begin<T>(ReadOnlySpan2D<T> refY, ReadOnlySpan2D<T> distY, bool chroma) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_failure is { } failure)
            throw new OvniException($"Quality scoring failed: {failure.Message}", failure);
        if (refY.Width != _format.Width || refY.Height != _format.Height || distY.Width != _format.Width || distY.Height != _format.Height)
            throw new OvniException($"Luma planes must be {_format.Width}x{_format.Height}, got {refY.Width}x{refY.Height} and {distY.Width}x{distY.Height}.");
        _freeBuffers.Wait();
        var buffers = _pool.TryTake(out var pooled) ? pooled : new FrameBuffers(_format);
        buffers.HasChroma = chroma && _options.Metrics.HasFlag(QualityMetrics.Psnr); // only PSNR reads chroma: VMAF/SSIM skip its copy
        return buffers;
    }

    private void CheckChroma<T>(ReadOnlySpan2D<T> plane) where T : unmanaged
    {
        if (plane.Width != _format.ChromaWidth || plane.Height != _format.ChromaHeight)
            throw new OvniException($"Chroma planes must be {_format.ChromaWidth}x{_format.ChromaHeight}, got {plane.Width}x{plane.Height}.");
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
        lock (_featuresLock)
            return QualityResultBuilder.Build(_features, _added, _metrics, _model, _options);
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
}
