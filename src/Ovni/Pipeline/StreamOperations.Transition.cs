using System.Runtime.CompilerServices;
using Ovni.Operations;

namespace Ovni;

// Transitions between two clips on one continuous timeline.
public static partial class StreamOperations
{
    /// <summary>
    /// Plays <paramref name="first"/>, then cross-fades its last <paramref name="duration"/> with the first
    /// <paramref name="duration"/> of <paramref name="second"/>, then plays the rest of <paramref name="second"/>.
    /// Output timestamps are continuous in the first clip's time base: the transition frames keep the first clip's
    /// timestamps, the second clip's later frames are shifted to follow them. Both clips must have the same size and
    /// format (scale them first). Holds at most duration × frame rate frames of the first clip in memory.
    /// </summary>
    /// <exception cref="OvniException">The clips differ in size or format.</exception>
    public static async IAsyncEnumerable<GpuFrame> CrossFadeInto(this IAsyncEnumerable<GpuFrame> first, IAsyncEnumerable<GpuFrame> second,
        TimeSpan duration, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "The transition cannot be negative.");
        var tail = new Queue<GpuFrame>();
        try
        {
            // The first clip, delayed by the transition's length: what remains queued at its end is its tail.
            long frameTicks = 1, previousPts = long.MinValue;
            await foreach (GpuFrame frame in first.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (previousPts != long.MinValue) frameTicks = Math.Max(1, frame.Pts - previousPts);
                previousPts = frame.Pts;
                tail.Enqueue(frame);
                while (tail.Count > 1 && frame.Timestamp - tail.Peek().Timestamp >= duration)
                    yield return tail.Dequeue();
            }

            int total = tail.Count;
            Rational timeBase = total > 0 ? tail.Peek().TimeBase : new Rational(1, 1);
            long lastPts = 0, index = 0, offset = 0;
            bool haveOffset = false;
            int blended = 0;
            await foreach (GpuFrame frame in second.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (tail.Count > 0)
                {
                    GpuFrame under = tail.Dequeue();
                    if (under.Width != frame.Width || under.Height != frame.Height || under.Format != frame.Format)
                    {
                        under.Dispose();
                        frame.Dispose();
                        throw new OvniException($"CrossFadeInto: the clips differ ({under.Width}x{under.Height} {under.FormatInfo.Name} vs {frame.Width}x{frame.Height} {frame.FormatInfo.Name}); scale them to one size and format first.");
                    }
                    blended++;
                    under.CrossFade(frame, (double)blended / (total + 1));
                    frame.Dispose();
                    lastPts = under.Pts;
                    index = under.Index;
                    yield return under;
                    continue;
                }
                if (!haveOffset)
                {
                    // The second clip continues one frame after the last output frame.
                    long firstPts = Rescale(frame.Pts, frame.TimeBase, timeBase);
                    offset = (total > 0 ? lastPts + frameTicks : 0) - firstPts;
                    haveOffset = true;
                }
                frame.Pts = Rescale(frame.Pts, frame.TimeBase, timeBase) + offset;
                frame.TimeBase = timeBase;
                frame.Index = ++index;
                yield return frame;
            }
            // A second clip shorter than the transition: the first clip's remaining tail plays out unblended.
            while (tail.Count > 0) yield return tail.Dequeue();
        }
        finally
        {
            while (tail.Count > 0) tail.Dequeue().Dispose();
        }
    }

    private static long Rescale(long pts, Rational from, Rational to) =>
        from == to ? pts : (long)Math.Round(pts * from.ToDouble() / to.ToDouble());
}
