namespace Ovni.Encoding;

/// <summary>What a chunked encode produced.</summary>
/// <param name="Output">The joined, verified file.</param>
/// <param name="Frames">Video frames in it (= the source's).</param>
/// <param name="Chunks">Chunks in the plan.</param>
/// <param name="ChunksEncoded">Chunks encoded by this run.</param>
/// <param name="ChunksReused">Chunks reused from an earlier, interrupted run (checked against the done-log's checksums).</param>
/// <param name="Workers">Workers used.</param>
/// <param name="Elapsed">Wall time of this run.</param>
/// <param name="JoinTime">Time the join and its verification took.</param>
/// <param name="PlanId">The plan's id (source identity + settings).</param>
public sealed record ChunkedEncodeResult(string Output, long Frames, int Chunks, int ChunksEncoded, int ChunksReused, int Workers,
    TimeSpan Elapsed, TimeSpan JoinTime, string PlanId)
{
    /// <summary>
    /// What of the source the output's container could not hold, each as a sentence (attachments; the display rotation
    /// outside MP4 and QuickTime); the same lines are logged as warnings. Empty when everything was carried over.
    /// </summary>
    public IReadOnlyList<string> SkippedStreams { get; init; } = [];
}
