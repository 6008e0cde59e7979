namespace Ovni.Distributed;

/// <summary>A distributed job as the cluster database sees it (dashboard, CLI, coordinator progress).</summary>
public sealed record ClusterJobInfo
{
    /// <summary>Job number.</summary>
    public required long Id { get; init; }

    /// <summary>The plan's id (source identity + settings): the same command attaches to the same job.</summary>
    public required string PlanId { get; init; }

    /// <summary>The source as the coordinator names it.</summary>
    public required string Source { get; init; }

    /// <summary>The output.</summary>
    public required string Output { get; init; }

    /// <summary>Encoder name.</summary>
    public required string Encoder { get; init; }

    /// <summary>The queue its chunks wait in.</summary>
    public required string Queue { get; init; }

    /// <summary>"shared" or "http".</summary>
    public required string Transfer { get; init; }

    /// <summary>running, paused, joining, done, failed or cancelled.</summary>
    public required string State { get; init; }

    /// <summary>Chunks in the plan.</summary>
    public required int ChunksTotal { get; init; }

    /// <summary>Chunks finished.</summary>
    public required int ChunksDone { get; init; }

    /// <summary>Frames in the source.</summary>
    public required long FramesTotal { get; init; }

    /// <summary>Frames of finished chunks plus frames encoded in running ones.</summary>
    public required long FramesDone { get; init; }

    /// <summary>Estimated time to the end of encoding, from the speed so far; null until known.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>Why the job failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Times the join was enqueued (the fan-in does it exactly once per completion of all chunks).</summary>
    public int JoinEnqueued { get; init; }

    /// <summary>Times a join started (more than one only if a join was interrupted and ran again).</summary>
    public int JoinRuns { get; init; }

    /// <summary>Times a join completed.</summary>
    public int JoinDone { get; init; }

    /// <summary>When the job was created.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>Its chunks, in output order (filled where asked for).</summary>
    public IReadOnlyList<ClusterChunkInfo> Chunks { get; init; } = [];
}
