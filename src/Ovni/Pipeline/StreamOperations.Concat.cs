using System.Runtime.CompilerServices;

namespace Ovni;

// Plays frame streams one after another as one continuous stream. Every frame is re-timed into the time
// base of the first stream's first frame; each following stream starts exactly where the previous one
// ended (last pts + that frame's duration), so pts increase strictly with no gap and no overlap.
// GpuFrame.Index is renumbered from 0. Every stream must have the first stream's size, pixel format and device (an
// OvniException names the operation that prepares a stream that differs); each keeps its own frame spacing.
// The two-stream overload is non-generic on purpose: it wins overload resolution over the BCL's
// AsyncEnumerable.Concat<T>, which would chain the frames without fixing their timestamps.
public static partial class StreamOperations
{
    /// <summary>Frames of <paramref name="first"/>, then of <paramref name="second"/>, with continuous timestamps.</summary>
    public static IAsyncEnumerable<GpuFrame> Concat(this IAsyncEnumerable<GpuFrame> first, IAsyncEnumerable<GpuFrame> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return ConcatCore([first, second]);
    }

    /// <summary>Frames of <paramref name="first"/>, then of each of <paramref name="others"/> in order, with continuous timestamps.</summary>
    public static IAsyncEnumerable<GpuFrame> Concat(this IAsyncEnumerable<GpuFrame> first, params IAsyncEnumerable<GpuFrame>[] others)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(others);
        foreach (IAsyncEnumerable<GpuFrame> other in others) ArgumentNullException.ThrowIfNull(other, nameof(others));
        return ConcatCore([first, .. others]);
    }

    private static async IAsyncEnumerable<GpuFrame> ConcatCore(IAsyncEnumerable<GpuFrame>[] streams,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Rational timeBase = default;
        bool haveTimeBase = false;
        long nextStart = 0;   // where the next stream's first frame goes, in timeBase
        long index = 0;
        SequenceMismatch.Shape? shape = null;
        int streamNumber = 0;
        foreach (IAsyncEnumerable<GpuFrame> stream in streams)
        {
            streamNumber++;
            long offset = 0;  // added to every rescaled pts of this stream
            bool first = true;
            long lastPts = 0, previousPts = 0, lastDuration = 0;
            bool any = false;
            await foreach (GpuFrame frame in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    frame.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (first)
                {
                    var current = SequenceMismatch.Shape.Of(frame);
                    string? problem = shape is { } expected
                        ? SequenceMismatch.Describe("Concat", expected, current, "the first stream", $"stream {streamNumber}")
                        : null;
                    if (problem is not null)
                    {
                        frame.Dispose();
                        throw new OvniException(problem);
                    }
                    shape ??= current;
                }
                if (!haveTimeBase)
                {
                    timeBase = frame.TimeBase;
                    haveTimeBase = true;
                    nextStart = frame.Pts; // the whole output starts where the first stream starts
                }
                long sourcePts = frame.Pts;
                long duration = frame.Duration;
                long pts = FrameTiming.Rescale(sourcePts, frame.TimeBase, timeBase);
                if (first)
                {
                    offset = nextStart - pts;
                    first = false;
                }
                pts += offset;
                if (any && pts <= lastPts) pts = lastPts + 1; // rounding between time bases must not reorder frames
                previousPts = lastPts;
                lastDuration = duration > 0 ? Math.Max(1, FrameTiming.Rescale(duration, frame.TimeBase, timeBase)) : 0;
                frame.Pts = pts;
                frame.TimeBase = timeBase;
                frame.Index = index++;
                lastPts = pts;
                bool hadPrevious = any;
                any = true;
                if (lastDuration == 0 && hadPrevious) lastDuration = pts - previousPts;
                yield return frame;
            }
            if (any) nextStart = lastPts + Math.Max(1, lastDuration);
        }
    }
}
