using System.Runtime.CompilerServices;
using Ovni.Operations;

namespace Ovni;

// Transitions between two clips on one continuous timeline.
public static partial class StreamOperations
{
    /// <summary>
    /// Plays <paramref name="first"/>, then cross-fades its last <paramref name="duration"/> with the first
    /// <paramref name="duration"/> of <paramref name="second"/>, then plays the rest of <paramref name="second"/>.
    /// </summary>
    /// <remarks>
    /// Frames are paired by time, not by count: the transition is the span [end − duration, end) of the first clip
    /// (its end is its last frame's time plus that frame's duration); each of the first clip's frames in it is blended
    /// with the second clip's frame shown at the same time since the second clip's start, with weight
    /// (t + f) / (duration + f) (t: time into the transition, f: the first clip's frame duration), so a 1 s
    /// transition is exactly 1 s of both clips. The second clip's frames inside the transition that no output frame
    /// shows are dropped; the rest follow with their own spacing, so the output keeps one constant frame rate only when
    /// both clips have the same rate: clips whose rates differ by more than 1 % are refused (bring the second to the
    /// first's rate with <see cref="ChangeFrameRate"/>). Output timestamps are continuous in the
    /// first clip's time base. A second clip shorter than the transition holds its last frame to the end of it.
    /// Holds at most duration × frame rate frames of the first clip in memory.
    /// </remarks>
    /// <exception cref="OvniException">The clips differ in size, pixel format, device or frame rate (the message names the
    /// operation that prepares the second clip). Every frame read so far is disposed.</exception>
    public static async IAsyncEnumerable<GpuFrame> CrossFadeInto(this IAsyncEnumerable<GpuFrame> first, IAsyncEnumerable<GpuFrame> second,
        TimeSpan duration, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "The transition cannot be negative.");
        var tail = new Queue<GpuFrame>();
        var ahead = new Queue<GpuFrame>(); // the second clip's frames read but not yet shown
        IAsyncEnumerator<GpuFrame>? seconds = null;
        GpuFrame? shown = null;
        try
        {
            // The first clip, delayed by the transition's length: what remains queued at its end is its tail.
            long previousPts = 0, lastPts = 0;
            bool hasPrevious = false;
            await foreach (GpuFrame frame in first.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (tail.Count > 0)
                {
                    previousPts = lastPts;
                    hasPrevious = true;
                }
                lastPts = frame.Pts;
                tail.Enqueue(frame);
                while (tail.Count > 1 && Ticks(frame) - Ticks(tail.Peek()) >= duration.Ticks)
                    yield return tail.Dequeue();
            }

            seconds = second.GetAsyncEnumerator(cancellationToken);
            if (tail.Count == 0)
            {
                // Nothing to fade from: the second clip plays as it is.
                while (await seconds.MoveNextAsync().ConfigureAwait(false)) yield return seconds.Current;
                yield break;
            }

            GpuFrame firstOfTail = tail.Peek(), lastOfFirst = FindLast(tail);
            Rational timeBase = lastOfFirst.TimeBase;
            long frameDuration = FrameTiming.LastFrameDuration(lastOfFirst, previousPts, hasPrevious);
            long end = lastPts + frameDuration;
            long windowStart = end - FrameTiming.Rescale(duration.Ticks, new Rational(1, (int)TimeSpan.TicksPerSecond), timeBase);
            long frameTicks = FrameTiming.ToTicks(frameDuration, timeBase);
            // The first clip's frame spacing, averaged over its tail so coarse time bases (1 ms in Matroska) do not count as a rate change.
            double firstSpacing = tail.Count > 1 ? (lastPts - firstOfTail.Pts) * timeBase.ToDouble() / (tail.Count - 1) : frameDuration * timeBase.ToDouble();
            double firstTolerance = timeBase.ToDouble() / Math.Max(1, tail.Count - 1);
            bool firstHasRate = tail.Count > 1 || lastOfFirst.Duration > 0;
            long index = lastOfFirst.Index;

            bool secondDone = false;
            while (ahead.Count < RateProbeFrames && !secondDone)
            {
                if (await seconds.MoveNextAsync().ConfigureAwait(false)) ahead.Enqueue(seconds.Current);
                else secondDone = true;
            }
            if (ahead.Count == 0)
            {
                // Nothing to fade into: the first clip ends as it is.
                while (tail.Count > 0) yield return tail.Dequeue();
                yield break;
            }
            CheckJoin(lastOfFirst, ahead, firstSpacing, firstTolerance, frameDuration, firstHasRate);

            // The first clip's frames before the transition play unblended.
            while (tail.Count > 0 && tail.Peek().Pts < windowStart) yield return tail.Dequeue();

            shown = ahead.Dequeue();
            long secondStart = Ticks(shown);
            Rational secondTimeBase = shown.TimeBase;
            long secondStartPts = shown.Pts;

            // The transition: each of the first clip's frames meets the second clip's frame shown at the same time.
            while (tail.Count > 0)
            {
                GpuFrame under = tail.Dequeue();
                try
                {
                    long into = FrameTiming.ToTicks(under.Pts - windowStart, timeBase);
                    while (true)
                    {
                        if (ahead.Count == 0 && !secondDone)
                        {
                            if (await seconds.MoveNextAsync().ConfigureAwait(false)) ahead.Enqueue(seconds.Current);
                            else secondDone = true;
                        }
                        if (ahead.Count == 0 || Ticks(ahead.Peek()) - secondStart > into) break;
                        shown.Dispose();
                        shown = ahead.Dequeue();
                    }
                    under.CrossFade(shown, (double)(into + frameTicks) / (duration.Ticks + frameTicks));
                }
                catch
                {
                    under.Dispose();
                    throw;
                }
                index = under.Index;
                yield return under;
            }
            shown.Dispose();
            shown = null;

            // The rest of the second clip, from its first frame at or after the transition's length, after the first clip's end.
            long outputPts = end - 1;
            while (true)
            {
                if (ahead.Count == 0)
                {
                    if (secondDone || !await seconds.MoveNextAsync().ConfigureAwait(false)) break;
                    ahead.Enqueue(seconds.Current);
                }
                GpuFrame frame = ahead.Dequeue();
                if (Ticks(frame) - secondStart < duration.Ticks)
                {
                    frame.Dispose();
                    continue;
                }
                long pts = windowStart + FrameTiming.Rescale(frame.Pts - secondStartPts, secondTimeBase, timeBase);
                if (pts <= outputPts) pts = outputPts + 1;
                long declared = frame.Duration;
                if (declared > 0) frame.Duration = Math.Max(1, FrameTiming.Rescale(declared, secondTimeBase, timeBase));
                frame.Pts = outputPts = pts;
                frame.TimeBase = timeBase;
                frame.Index = ++index;
                yield return frame;
            }
        }
        finally
        {
            while (tail.Count > 0) tail.Dequeue().Dispose();
            while (ahead.Count > 0) ahead.Dequeue().Dispose();
            shown?.Dispose();
            if (seconds is not null) await seconds.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Frames of the second clip read before the transition starts, to measure its frame rate.</summary>
    private const int RateProbeFrames = 8;

    /// <summary>
    /// Refuses clips that cannot be blended frame by frame, with the fix in the message. Runs while every frame is alive
    /// (the message reads their properties); the caller's finally disposes them after.
    /// </summary>
    private static void CheckJoin(GpuFrame lastOfFirst, Queue<GpuFrame> secondFrames, double firstSpacing, double firstTolerance,
        long frameDuration, bool firstHasRate)
    {
        GpuFrame start = secondFrames.Peek();
        string? problem = SequenceMismatch.Describe(nameof(CrossFadeInto), SequenceMismatch.Shape.Of(lastOfFirst), SequenceMismatch.Shape.Of(start), "the first clip", "the second clip");
        if (problem is null && firstHasRate)
        {
            GpuFrame last = start;
            foreach (GpuFrame frame in secondFrames) last = frame;
            int intervals = secondFrames.Count - 1;
            long declared = start.Duration;
            double secondSpacing = intervals > 0 ? (last.Pts - start.Pts) * start.TimeBase.ToDouble() / intervals : declared * start.TimeBase.ToDouble();
            double tolerance = firstTolerance + start.TimeBase.ToDouble() / Math.Max(1, intervals);
            problem = SequenceMismatch.DescribeRates(nameof(CrossFadeInto), firstSpacing, secondSpacing, tolerance, lastOfFirst.TimeBase, frameDuration);
        }
        if (problem is not null) throw new OvniException(problem);
    }

    private static GpuFrame FindLast(Queue<GpuFrame> frames)
    {
        GpuFrame last = frames.Peek();
        foreach (GpuFrame frame in frames) last = frame;
        return last;
    }

    private static long Ticks(GpuFrame frame) => FrameTiming.ToTicks(frame.Pts, frame.TimeBase);
}
