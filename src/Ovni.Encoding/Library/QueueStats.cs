namespace Ovni.Encoding.Library;

/// <summary>What the queue holds, what was saved, and how long the rest should take.</summary>
public sealed record QueueStats
{
    /// <summary>Files per state.</summary>
    public required IReadOnlyDictionary<JobState, int> Counts { get; init; }
    /// <summary>Bytes of the sources of finished files.</summary>
    public long DoneSourceBytes { get; init; }
    /// <summary>Bytes of their outputs.</summary>
    public long DoneOutputBytes { get; init; }
    /// <summary>Bytes saved so far.</summary>
    public long SavedBytes => DoneSourceBytes - DoneOutputBytes;
    /// <summary>Bytes of pending sources.</summary>
    public long PendingBytes { get; init; }
    /// <summary>Estimated encode time of every pending file on one slot, from the learned speeds.</summary>
    public TimeSpan PendingEta { get; init; }
    /// <summary>Pending files whose ETA is a prior guess (no history yet for their encoder/preset/class).</summary>
    public int EtaGuesses { get; init; }
    /// <summary>Learned speeds: key → (seconds per frame, samples).</summary>
    public IReadOnlyDictionary<string, (double SecondsPerFrame, int Samples)> Speeds { get; init; } = new Dictionary<string, (double, int)>();
    /// <summary>The queue's pause state: null (running), "after-current" or "now".</summary>
    public string? Pause { get; init; }
    /// <summary>Originals in quarantine and their bytes.</summary>
    public (int Files, long Bytes) Quarantined { get; init; }
}
