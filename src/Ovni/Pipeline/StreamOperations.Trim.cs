using System.Runtime.CompilerServices;

namespace Ovni;

// Cuts a frame stream by time or by frame count. Frames outside the range are disposed; the source is not read past
// the end of the range (the enumeration stops, so a decoder stops decoding). By default the result starts at zero: the
// first kept frame gets timestamp 0 and the others keep their distance to it, so keyframes, captions and transitions
// further down the pipeline run on the output's timeline (ffmpeg's trim,setpts=PTS-STARTPTS); keepSourceTime: true
// keeps the source's timestamps (ffmpeg's trim alone). GpuFrame.Index stays the frame's position in its source.
public static partial class StreamOperations
{
    /// <summary>
    /// Keeps frames whose source timestamp t satisfies <paramref name="start"/> ≤ t &lt; <paramref name="end"/>
    /// (no end: to the end of the stream). Comparison is exact on the frame's pts and time base.
    /// </summary>
    /// <param name="frames">The stream to cut.</param>
    /// <param name="start">First source time kept.</param>
    /// <param name="end">Source time where the result ends (excluded); null for the end of the stream.</param>
    /// <param name="keepSourceTime">False (default): the result starts at zero. True: timestamps stay the source's.</param>
    public static IAsyncEnumerable<GpuFrame> Trim(this IAsyncEnumerable<GpuFrame> frames, TimeSpan start, TimeSpan? end = null, bool keepSourceTime = false)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (end is { } e && e < start) throw new ArgumentOutOfRangeException(nameof(end), end, $"End {end} is before start {start}.");
        return TrimByTime(frames, start.Ticks, end?.Ticks ?? long.MaxValue, keepSourceTime);
    }

    /// <summary>Skips <paramref name="first"/> frames (counted from the start of this stream), then keeps up to <paramref name="count"/> frames.</summary>
    /// <param name="frames">The stream to cut.</param>
    /// <param name="first">Frames skipped.</param>
    /// <param name="count">Frames kept at most.</param>
    /// <param name="keepSourceTime">False (default): the result starts at zero. True: timestamps stay the source's.</param>
    public static IAsyncEnumerable<GpuFrame> TrimFrames(this IAsyncEnumerable<GpuFrame> frames, long first, long count = long.MaxValue, bool keepSourceTime = false)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return TrimByCount(frames, first, count, keepSourceTime);
    }

    private static async IAsyncEnumerable<GpuFrame> TrimByTime(IAsyncEnumerable<GpuFrame> frames, long startTicks, long endTicks, bool keepSourceTime,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var origin = new TimeOrigin(keepSourceTime);
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            long ticks = FrameTiming.ToTicks(frame.Pts, frame.TimeBase);
            if (ticks >= endTicks)
            {
                frame.Dispose();
                yield break;
            }
            if (ticks < startTicks || cancellationToken.IsCancellationRequested)
            {
                frame.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }
            origin.Apply(frame);
            yield return frame;
        }
    }

    private static async IAsyncEnumerable<GpuFrame> TrimByCount(IAsyncEnumerable<GpuFrame> frames, long first, long count, bool keepSourceTime,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (count == 0) yield break;
        var origin = new TimeOrigin(keepSourceTime);
        long position = 0, kept = 0;
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (position++ < first || cancellationToken.IsCancellationRequested)
            {
                frame.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }
            origin.Apply(frame);
            yield return frame;
            if (++kept == count) yield break;
        }
    }

    /// <summary>Moves timestamps so the first kept frame is at zero (unless source time is kept).</summary>
    private sealed class TimeOrigin(bool keepSourceTime)
    {
        private bool _set;
        private long _startPts;
        private Rational _startBase;

        public void Apply(GpuFrame frame)
        {
            if (keepSourceTime) return;
            if (!_set)
            {
                _startPts = frame.Pts;
                _startBase = frame.TimeBase;
                _set = true;
            }
            frame.Pts -= frame.TimeBase == _startBase ? _startPts : FrameTiming.Rescale(_startPts, _startBase, frame.TimeBase);
        }
    }
}
