namespace Ovni.Distributed;

/// <summary>One chunk of a distributed job.</summary>
/// <param name="Index">Chunk index.</param>
/// <param name="StartFrame">First frame.</param>
/// <param name="FrameCount">Frames.</param>
/// <param name="State">queued, running, done, failed, paused or cancelled.</param>
/// <param name="Attempts">Failed attempts (a crashed worker does not count; its chunk is simply taken over).</param>
/// <param name="Runs">Times a worker started it (more than one after a crash or a failure).</param>
/// <param name="Worker">The worker running or having run it.</param>
/// <param name="FramesDone">Frames encoded so far.</param>
/// <param name="Size">Size of the finished chunk in bytes.</param>
/// <param name="Error">The last failure.</param>
/// <param name="EnqueuedAt">When it was last put in the queue.</param>
/// <param name="StartedAt">When a worker last took it.</param>
/// <param name="FinishedAt">When it was done.</param>
public sealed record ClusterChunkInfo(int Index, int StartFrame, int FrameCount, string State, int Attempts, int Runs, string? Worker,
    int FramesDone, long? Size, string? Error, DateTime? EnqueuedAt, DateTime? StartedAt, DateTime? FinishedAt);
