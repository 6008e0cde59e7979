namespace Ovni.Distributed;

/// <summary>What a distributed chunked encode produced.</summary>
/// <param name="JobId">The job's number in the cluster database.</param>
/// <param name="Output">The joined, verified file.</param>
/// <param name="Frames">Frames in it.</param>
/// <param name="Chunks">Chunks in the plan.</param>
/// <param name="Elapsed">Time this coordinator waited (the job may have started in an earlier run).</param>
/// <param name="Attached">True when this run attached to a job an earlier run had created.</param>
public sealed record ClusterEncodeResult(long JobId, string Output, long Frames, int Chunks, TimeSpan Elapsed, bool Attached);
