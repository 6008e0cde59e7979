using System.Runtime.CompilerServices;

namespace Ovni;

// Converts a stream to a constant frame rate by duplicating and dropping frames, with the same rule as
// ffmpeg's fps filter (default round=near, eof_action=round), so the same input gives the
// same frame count and the same frame for every output slot.
// The rule: output frames are numbered n = 0, 1, 2, … in time base 1/rate. Every input pts is rounded to
// the nearest output slot (halves away from zero). The output starts at the first input frame's slot.
// Slot n shows the last input frame whose rounded slot is ≤ n (an input frame that lands on the same slot
// as a later one is dropped; a frame that covers several slots is repeated). The stream ends at the slot of
// the last frame's end time (its pts + duration), rounded the same way. Duplicates share pixel memory
// (GpuFrame.Share); call GpuFrame.MakeWritable before drawing on one.
public static partial class StreamOperations
{
    /// <summary>Re-times the stream to exactly <paramref name="frameRate"/> frames per second (see the rule above).</summary>
    public static IAsyncEnumerable<GpuFrame> ChangeFrameRate(this IAsyncEnumerable<GpuFrame> frames, Rational frameRate)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frameRate.Num <= 0 || frameRate.Den <= 0)
            throw new ArgumentOutOfRangeException(nameof(frameRate), frameRate, "A frame rate must be a positive fraction such as 24/1 or 30000/1001.");
        return ChangeFrameRateCore(frames, frameRate);
    }

    private static async IAsyncEnumerable<GpuFrame> ChangeFrameRateCore(IAsyncEnumerable<GpuFrame> frames, Rational frameRate,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Rational outputTimeBase = frameRate.Invert();
        GpuFrame? current = null;
        long nextSlot = 0, index = 0, previousSourcePts = 0;
        bool hasPrevious = false;
        try
        {
            await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    frame.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                }
                long slot = FrameTiming.Rescale(frame.Pts, frame.TimeBase, outputTimeBase);
                if (current is null)
                {
                    current = frame;
                    nextSlot = slot;
                    continue;
                }

                // The held frame fills every slot before the new frame's slot.
                long repeats = slot - nextSlot;
                for (long r = 0; r < repeats - 1; r++) yield return Stamp(current.Share(), nextSlot++, outputTimeBase, index++);
                GpuFrame held = current;
                previousSourcePts = held.Pts;
                hasPrevious = true;
                current = frame;
                if (repeats > 0) yield return Stamp(held, nextSlot++, outputTimeBase, index++);
                else held.Dispose();
            }

            if (current is not null)
            {
                long sourceEnd = current.Pts + FrameTiming.LastFrameDuration(current, previousSourcePts, hasPrevious);
                long endSlot = FrameTiming.Rescale(sourceEnd, current.TimeBase, outputTimeBase);
                long repeats = endSlot - nextSlot;
                GpuFrame last = current;
                current = null;
                for (long r = 0; r < repeats - 1; r++) yield return Stamp(last.Share(), nextSlot++, outputTimeBase, index++);
                if (repeats > 0) yield return Stamp(last, nextSlot++, outputTimeBase, index++);
                else last.Dispose();
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private static GpuFrame Stamp(GpuFrame frame, long slot, Rational timeBase, long index)
    {
        frame.Pts = slot;
        frame.TimeBase = timeBase;
        frame.Index = index;
        frame.Duration = 1;
        return frame;
    }
}
