// Watches free device memory so a pipeline can shrink its frame pools or pause decoding before an
// allocation fails. Polls cuMemGetInfo on an interval (the driver has no memory-pressure callback) and
// reports threshold crossings with hysteresis, as an event and as an IObservable.
namespace Ovni.Devices.Cuda;

/// <summary>Reports when free VRAM of a context's device crosses configured thresholds.</summary>
internal sealed class VramMonitor : IAsyncDisposable, IObservable<VramThresholdCrossing>
{
    private readonly CudaContext _context;
    private readonly VramMonitorOptions _options;
    private readonly long[] _thresholds;
    private readonly bool[] _below;
    private readonly Lock _lock = new();
    private readonly List<IObserver<VramThresholdCrossing>> _observers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private VramSample? _last;

    /// <summary>Starts sampling <paramref name="context"/>'s device every <see cref="VramMonitorOptions.Interval"/>.</summary>
    public VramMonitor(CudaContext context, VramMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.HysteresisBytes);
        _context = context;
        _options = options;
        _thresholds = [.. options.FreeBytesThresholds];
        _below = new bool[_thresholds.Length];
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Raised on the sampling thread for each crossing.</summary>
    public event EventHandler<VramThresholdCrossing>? ThresholdCrossed;

    /// <summary>The most recent sample, if any.</summary>
    public VramSample? LastSample
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>Samples now (besides the periodic samples) and reports any crossing before returning.</summary>
    public VramSample Sample()
    {
        (long free, long total) = _context.GetMemoryInfo();
        var sample = new VramSample(free, total, DateTimeOffset.UtcNow);
        List<VramThresholdCrossing>? crossings = null;
        IObserver<VramThresholdCrossing>[] observers;
        lock (_lock)
        {
            _last = sample;
            for (int i = 0; i < _thresholds.Length; i++)
            {
                if (!_below[i] && free < _thresholds[i])
                {
                    _below[i] = true;
                    (crossings ??= []).Add(new VramThresholdCrossing(_thresholds[i], VramThresholdDirection.FellBelow, sample));
                }
                else if (_below[i] && free >= _thresholds[i] + _options.HysteresisBytes)
                {
                    _below[i] = false;
                    (crossings ??= []).Add(new VramThresholdCrossing(_thresholds[i], VramThresholdDirection.RoseAbove, sample));
                }
            }
            observers = crossings is null ? [] : [.. _observers];
        }
        if (crossings is not null)
        {
            foreach (VramThresholdCrossing crossing in crossings)
            {
                ThresholdCrossed?.Invoke(this, crossing);
                foreach (IObserver<VramThresholdCrossing> observer in observers)
                {
                    observer.OnNext(crossing);
                }
            }
        }
        return sample;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<VramThresholdCrossing> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            _observers.Add(observer);
        }
        return new Unsubscriber(this, observer);
    }

    /// <summary>Stops sampling and completes the observers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        IObserver<VramThresholdCrossing>[] observers;
        lock (_lock)
        {
            observers = [.. _observers];
            _observers.Clear();
        }
        foreach (IObserver<VramThresholdCrossing> observer in observers)
        {
            observer.OnCompleted();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is OvniException or ObjectDisposedException)
        {
            // The context went away or the driver failed: sampling cannot continue; tell the subscribers.
            IObserver<VramThresholdCrossing>[] observers;
            lock (_lock)
            {
                observers = [.. _observers];
            }
            foreach (IObserver<VramThresholdCrossing> observer in observers)
            {
                observer.OnError(ex);
            }
        }
    }

    private sealed class Unsubscriber(VramMonitor monitor, IObserver<VramThresholdCrossing> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (monitor._lock)
            {
                monitor._observers.Remove(observer);
            }
        }
    }
}
