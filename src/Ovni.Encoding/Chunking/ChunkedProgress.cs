namespace Ovni.Encoding;

/// <summary>Progress of a chunked encode, reported about four times a second.</summary>
/// <param name="Phase">What it is doing.</param>
/// <param name="ChunksTotal">Chunks in the plan.</param>
/// <param name="ChunksDone">Chunks finished (including those reused from an earlier run).</param>
/// <param name="FramesTotal">Frames in the source.</param>
/// <param name="FramesDone">Frames in finished chunks plus frames encoded in running ones.</param>
/// <param name="Elapsed">Time since the start of this run.</param>
/// <param name="Eta">Estimated time to the end of encoding, from this run's speed; null until known.</param>
/// <param name="Workers">Each worker's state.</param>
/// <param name="JoinFraction">Progress of the join, 0 to 1.</param>
public sealed record ChunkedProgress(ChunkedPhase Phase, int ChunksTotal, int ChunksDone, long FramesTotal, long FramesDone,
    TimeSpan Elapsed, TimeSpan? Eta, IReadOnlyList<ChunkWorkerStatus> Workers, double JoinFraction)
{
    /// <summary>Frames done over frames total.</summary>
    public double Fraction => FramesTotal > 0 ? Math.Min(1.0, (double)FramesDone / FramesTotal) : 0;
}
