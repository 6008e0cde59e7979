// Pairs the frames of two decoded streams for scoring. By time (FFmpeg's libvmaf filter with the distorted file as
// its first input): each distorted frame meets the reference frame shown at its timestamp, so a reference frame can be
// used twice (the encoder duplicated a frame) or not at all (it dropped one) and every later pair stays right, where
// decode-order pairing would be off by one frame for the rest of the file. The reference frame goes to the scorer as
// paired, so motion sees a repeated frame as a repeated frame. Everything it did is counted for AlignmentReport.
namespace Ovni.Quality;

internal sealed class FrameAligner : IDisposable
{
    private readonly FrameAlignment _mode;
    private readonly IAsyncEnumerator<GpuFrame> _reference;
    private readonly IAsyncEnumerator<GpuFrame> _distorted;
    private readonly Func<GpuFrame, GpuFrame> _prepareReference;
    private double _halfFrame;
    private GpuFrame? _current, _currentPrepared, _next;
    private double _currentTime, _nextTime;
    private bool _currentUsed, _started, _referenceEnded, _finished;
    private double? _referenceStart, _distortedStart;
    private int _paired, _repeated, _dropped, _unmatchedReference, _unmatchedDistorted, _passedOver;

    /// <param name="mode">How to pair.</param>
    /// <param name="reference">Reference frames in decode order (the aligner disposes them).</param>
    /// <param name="distorted">Distorted frames in decode order (each one paired goes to the caller through <see cref="Distorted"/>).</param>
    /// <param name="referenceFrameDuration">Nominal duration of a reference frame in seconds; 0 measures it from the first two frames.</param>
    /// <param name="prepareReference">Turns a decoded reference frame (which it takes) into the frame the scorer reads.</param>
    internal FrameAligner(FrameAlignment mode, IAsyncEnumerator<GpuFrame> reference, IAsyncEnumerator<GpuFrame> distorted,
        double referenceFrameDuration, Func<GpuFrame, GpuFrame> prepareReference)
    {
        _mode = mode;
        _reference = reference;
        _distorted = distorted;
        _prepareReference = prepareReference;
        _halfFrame = referenceFrameDuration > 0 && double.IsFinite(referenceFrameDuration) ? referenceFrameDuration / 2 : 0;
    }

    /// <summary>The prepared reference frame of the current pair; owned by the aligner (valid until the next move).</summary>
    internal GpuFrame Reference => _currentPrepared ?? throw new InvalidOperationException("No current pair.");

    /// <summary>The distorted frame of the current pair; the caller owns and disposes it.</summary>
    internal GpuFrame Distorted { get; private set; } = null!;

    internal int ReferenceFramesRead { get; private set; }

    internal int DistortedFramesRead { get; private set; }

    internal AlignmentReport Report => new()
    {
        Mode = _mode, PairedFrames = _paired, RepeatedFrames = _repeated, DroppedFrames = _dropped,
        UnmatchedReferenceFrames = _unmatchedReference, UnmatchedDistortedFrames = _unmatchedDistorted,
    };

    /// <summary>Moves to the next pair; false when the distorted stream is exhausted (the rest of the reference is counted).</summary>
    internal async ValueTask<bool> MoveNextAsync()
    {
        if (_finished) return false;
        while (true)
        {
            if (!await _distorted.MoveNextAsync().ConfigureAwait(false))
            {
                await FinishAsync().ConfigureAwait(false);
                return false;
            }
            GpuFrame distorted = _distorted.Current;
            DistortedFramesRead++;
            bool paired = _mode == FrameAlignment.Index
                ? await AdvanceByIndexAsync().ConfigureAwait(false)
                : await AdvanceByTimeAsync(DistortedTime(distorted)).ConfigureAwait(false);
            if (!paired)
            {
                _unmatchedDistorted++;
                distorted.Dispose();
                continue;
            }
            if (_passedOver > 0)
            {
                if (_paired > 0) _dropped += _passedOver;
                else _unmatchedReference += _passedOver;
                _passedOver = 0;
            }
            if (_currentUsed) _repeated++;
            _currentUsed = true;
            _currentPrepared ??= _prepareReference(_current!.Share());
            _paired++;
            Distorted = distorted;
            return true;
        }
    }

    private async ValueTask<bool> AdvanceByIndexAsync()
    {
        if (_referenceEnded) return false;
        GpuFrame? next = await ReadReferenceAsync().ConfigureAwait(false);
        if (next is null) return false;
        Adopt(next, 0);
        return true;
    }

    private async ValueTask<bool> AdvanceByTimeAsync(double time)
    {
        if (!_started)
        {
            _started = true;
            await LoadNextAsync().ConfigureAwait(false);
        }
        while (_next is not null && _nextTime <= time + _halfFrame)
        {
            GpuFrame next = _next;
            double nextTime = _nextTime;
            _next = null;
            Adopt(next, nextTime);
            await LoadNextAsync().ConfigureAwait(false);
            if (_halfFrame == 0 && _next is not null) _halfFrame = Math.Max(0, _nextTime - _currentTime) / 2;
        }
        if (_current is null) return false;
        // Past the reference's end: where a reference frame after the last one would have been taken.
        if (_next is null && _referenceEnded && _halfFrame > 0 && time + _halfFrame >= _currentTime + 2 * _halfFrame) return false;
        return true;
    }

    private void Adopt(GpuFrame frame, double time)
    {
        RetireCurrent();
        _current = frame;
        _currentTime = time;
        _currentUsed = false;
    }

    private void RetireCurrent()
    {
        if (_current is null) return;
        if (!_currentUsed) _passedOver++;
        _current.Dispose();
        _currentPrepared?.Dispose();
        _current = _currentPrepared = null;
    }

    private async ValueTask LoadNextAsync()
    {
        _next = await ReadReferenceAsync().ConfigureAwait(false);
        if (_next is not null) _nextTime = ReferenceTime(_next);
    }

    private async ValueTask<GpuFrame?> ReadReferenceAsync()
    {
        if (_referenceEnded) return null;
        if (!await _reference.MoveNextAsync().ConfigureAwait(false))
        {
            _referenceEnded = true;
            return null;
        }
        ReferenceFramesRead++;
        return _reference.Current;
    }

    private double ReferenceTime(GpuFrame frame)
    {
        double t = Seconds(frame);
        if (_mode != FrameAlignment.Start) return t;
        _referenceStart ??= t;
        return t - _referenceStart.Value;
    }

    private double DistortedTime(GpuFrame frame)
    {
        double t = Seconds(frame);
        if (_mode != FrameAlignment.Start) return t;
        _distortedStart ??= t;
        return t - _distortedStart.Value;
    }

    private static double Seconds(GpuFrame frame) => frame.TimeBase.IsValid ? frame.Pts * frame.TimeBase.ToDouble() : frame.Index;

    // The reference frames after the last pair are read to the end, so the report counts them.
    private async ValueTask FinishAsync()
    {
        _finished = true;
        RetireCurrent();
        if (_next is not null)
        {
            _next.Dispose();
            _next = null;
            _passedOver++;
        }
        while (await ReadReferenceAsync().ConfigureAwait(false) is GpuFrame rest)
        {
            rest.Dispose();
            _passedOver++;
        }
        _unmatchedReference += _passedOver;
        _passedOver = 0;
    }

    public void Dispose()
    {
        _current?.Dispose();
        _currentPrepared?.Dispose();
        _next?.Dispose();
        _current = _currentPrepared = _next = null;
    }
}
