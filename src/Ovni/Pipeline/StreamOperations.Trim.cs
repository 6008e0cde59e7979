using System.Runtime.CompilerServices;

namespace Ovni;

// Cuts a frame stream by time or by frame count. Frames outside the range are disposed; the source is
// not read past the end of the range (the enumeration stops, so a decoder stops decoding). Timestamps are
// kept as they were (as ffmpeg's trim filter does); chain Concat or re-time downstream if you need
// them to start at zero.
public static partial class StreamOperations
{
    /// <summary>
    /// Keeps frames whose timestamp t satisfies <paramref name="start"/> ≤ t &lt; <paramref name="end"/>
    /// (no end: to the end of the stream). Comparison is exact on the frame's pts and time base.
    /// </summary>
    public static IAsyncEnumerable<GpuFrame> Trim(this IAsyncEnumerable<GpuFrame> frames, TimeSpan start, TimeSpan? end = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (end is { } e && e < start) throw new ArgumentOutOfRangeException(nameof(end), end, $"End {end} is before start {start}.");
        return TrimByTime(frames, start.Ticks, end?.Ticks ?? long.MaxValue);
    }

    /// <summary>Skips <paramref name="first"/> frames (counted from the start of this stream), then keeps up to <paramref name="count"/> frames.</summary>
    public static IAsyncEnumerable<GpuFrame> TrimFrames(this IAsyncEnumerable<GpuFrame> frames, long first, long count = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return TrimByCount(frames, first, count);
    }

    private static async IAsyncEnumerable<GpuFrame> TrimByTime(IAsyncEnumerable<GpuFrame> frames, long startTicks, long endTicks,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
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
            yield return frame;
        }
    }

    private static async IAsyncEnumerable<GpuFrame> TrimByCount(IAsyncEnumerable<GpuFrame> frames, long first, long count,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (count == 0) yield break;
        long position = 0, kept = 0;
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (position++ < first || cancellationToken.IsCancellationRequested)
            {
                frame.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }
            yield return frame;
            if (++kept == count) yield break;
        }
    }
}
