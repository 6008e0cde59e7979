// VMAF's motion feature looks at the reference frames either side of each frame. Scored alone, a shot's first frame has
// no frame before it (motion 0), while in the joined file it follows the previous shot's last frame across a cut, where
// motion is high and VMAF reaches 100: on the README's inputs the joined file measured 0.10–0.24 above its shots scored
// alone, enough to make every allocation overshoot its target. So each shot's reference holds the source frame before
// it and the one after it (where the source has them), the distorted stream gets those same frames (shared, not
// copied), and their own scores are dropped: the shot's frames then score exactly as they do in the joined file.
using System.Runtime.CompilerServices;
using Ovni.IO;
using Ovni.Quality;

namespace Ovni.Encoding;

/// <summary>Scores a shot's probe against the shot's reference, with the neighbouring source frames as motion context.</summary>
internal static class ShotScorer
{
    /// <summary>The frames a shot's reference holds: the frame before the shot (unless it starts the file), the shot, the frame after it (unless it ends the file).</summary>
    internal static ChunkSpan ReferenceSpan(ChunkSpan shot, VideoTimeline timeline)
    {
        int lead = LeadOf(shot), trail = TrailOf(shot, timeline.Count);
        int start = shot.StartFrame - lead, count = shot.FrameCount + lead + trail;
        return shot with { StartFrame = start, FrameCount = count, StartPts = timeline.Timestamps[start], LastPts = timeline.Timestamps[start + count - 1] };
    }

    internal static int LeadOf(ChunkSpan shot) => shot.StartFrame > 0 ? 1 : 0;

    internal static int TrailOf(ChunkSpan shot, int sourceFrames) => shot.EndFrame < sourceFrames ? 1 : 0;

    /// <summary>Per-frame VMAF of the shot's frames in <paramref name="probe"/>, as the joined file will score them.</summary>
    /// <exception cref="OvniException">The probe or the reference cannot be read, or their frames do not pair up.</exception>
    internal static async Task<IReadOnlyList<double>> ScoreAsync(string reference, string probe, ChunkSpan shot, int sourceFrames, QualityOptions quality,
        CancellationToken cancellationToken)
    {
        int lead = LeadOf(shot), trail = TrailOf(shot, sourceFrames), expected = shot.FrameCount + lead + trail;
        await using MediaReader referenceReader = MediaReader.Open(reference);
        await using MediaReader probeReader = MediaReader.Open(probe);
        using var ahead = new ReadAhead(referenceReader);
        QualityResult scored = await QualityScorer.ScoreStreamsAsync(ahead.Frames(cancellationToken),
            WithNeighbours(probe, probeReader, shot, ahead, lead, trail > 0 ? expected - 1 : -1, cancellationToken),
            quality with { Alignment = FrameAlignment.Index }, referenceReader.Video.FrameRate, expected, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (scored.Frames.Count != expected)
            throw new OvniException($"Shot {shot.Index}: {scored.Frames.Count - lead - trail} of {shot.FrameCount} frames of '{probe}' could be scored.") { FilePath = probe };
        return scored.Frames.Skip(lead).Take(shot.FrameCount).Select(f => f.Vmaf).ToArray();
    }

    // The probe's frames between the reference's own neighbour frames (their score is dropped: both sides are the same
    // picture). A probe with more or fewer frames than its shot would shift the pairs, so it is refused.
    private static async IAsyncEnumerable<GpuFrame> WithNeighbours(string path, MediaReader probe, ChunkSpan shot, ReadAhead reference, int lead, int trailIndex,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (lead > 0 && reference.Share(0) is { } before) yield return before;
        int frames = 0;
        await foreach (GpuFrame frame in probe.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            frames++;
            yield return frame;
        }
        if (frames != shot.FrameCount)
            throw new OvniException($"Shot {shot.Index}: '{path}' has {frames} frames, the shot {shot.FrameCount}.") { FilePath = path };
        if (trailIndex >= 0 && reference.Share(trailIndex) is { } after) yield return after;
    }

    /// <summary>
    /// The reference's frames, readable a little ahead: the scorer reads each distorted frame before its reference frame, so
    /// the distorted stream's copy of a neighbour frame is taken from frames read early and handed on to the reference stream.
    /// </summary>
    private sealed class ReadAhead(MediaReader reader) : IDisposable
    {
        private readonly Queue<GpuFrame> _early = new();
        private int _handedOut; // frames the reference stream has yielded

        /// <summary>A second frame sharing frame <paramref name="index"/>'s pixels, or null when the reference has no such frame (or it was handed out already).</summary>
        internal GpuFrame? Share(int index)
        {
            if (index < _handedOut) return null;
            while (_handedOut + _early.Count <= index)
            {
                GpuFrame? next = reader.ReadFrame();
                if (next is null) return null;
                _early.Enqueue(next);
            }
            return _early.ElementAt(index - _handedOut).Share();
        }

        internal async IAsyncEnumerable<GpuFrame> Frames([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                GpuFrame? frame = _early.Count > 0 ? _early.Dequeue() : reader.ReadFrame();
                if (frame is null) break;
                _handedOut++;
                yield return frame;
            }
            cancellationToken.ThrowIfCancellationRequested();
            await Task.CompletedTask.ConfigureAwait(false);
        }

        public void Dispose()
        {
            while (_early.Count > 0) _early.Dequeue().Dispose();
        }
    }
}
