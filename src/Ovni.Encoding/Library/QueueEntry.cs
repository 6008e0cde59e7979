namespace Ovni.Encoding.Library;

/// <summary>One file of the queue as the database holds it.</summary>
public sealed record QueueEntry
{
    /// <summary>Row id (stable; <c>ovni queue show ID</c>).</summary>
    public required long Id { get; init; }
    /// <summary>Full path of the source.</summary>
    public required string Path { get; init; }
    /// <summary>The library root the file was found under.</summary>
    public required string Root { get; init; }
    /// <summary>Size in bytes when last scanned.</summary>
    public long Size { get; init; }
    /// <summary>Last write time (UTC ticks) when last scanned.</summary>
    public long ModifiedTicks { get; init; }
    /// <summary>Current state.</summary>
    public JobState State { get; init; }
    /// <summary>Why the file is in this state (skip reason, failure cause); null when there is nothing to say.</summary>
    public string? Reason { get; init; }
    /// <summary>Failures so far.</summary>
    public int Attempts { get; init; }
    /// <summary>Not picked before this time (UTC) — retry back-off or waiting for a resource.</summary>
    public DateTime? NotBefore { get; init; }
    /// <summary>The runner holding the job ("host:pid:start"), while it is active.</summary>
    public string? Owner { get; init; }
    /// <summary>Lease expiry (UTC) of the active job; renewed by the runner's heartbeat.</summary>
    public DateTime? LeaseUntil { get; init; }
    /// <summary>Temporary folder on the destination volume while the job is active.</summary>
    public string? WorkDirectory { get; init; }
    /// <summary>Where the output was (or is being) published.</summary>
    public string? OutputPath { get; init; }
    /// <summary>Output size in bytes.</summary>
    public long? OutputSize { get; init; }
    /// <summary>File identity of the verified output (device:inode), to recognise it after a crash.</summary>
    public string? OutputIdentity { get; init; }
    /// <summary>Where the original waits (quarantine and replace).</summary>
    public string? QuarantinePath { get; init; }
    /// <summary>CRF used.</summary>
    public int? Crf { get; init; }
    /// <summary>Measured (or predicted) VMAF of the output.</summary>
    public double? Vmaf { get; init; }
    /// <summary>Encoder used.</summary>
    public string? Encoder { get; init; }
    /// <summary>Source duration in seconds (after probing).</summary>
    public double? Duration { get; init; }
    /// <summary>Source video width.</summary>
    public int? Width { get; init; }
    /// <summary>Source video height.</summary>
    public int? Height { get; init; }
    /// <summary>Source video codec.</summary>
    public string? Codec { get; init; }
    /// <summary>Source video frames (estimate from probing).</summary>
    public long? Frames { get; init; }
    /// <summary>Wall time of the encode in seconds.</summary>
    public double? EncodeSeconds { get; init; }
    /// <summary>ETA model key (encoder|preset|class|complexity).</summary>
    public string? EtaKey { get; init; }
    /// <summary>First seen (UTC).</summary>
    public DateTime Added { get; init; }
    /// <summary>Last change (UTC).</summary>
    public DateTime Updated { get; init; }
    /// <summary>Finished (done/skipped/failed) at (UTC).</summary>
    public DateTime? Finished { get; init; }

    /// <summary>What was (or is being) done with the source when publishing.</summary>
    public SourceAction? Action { get; init; }
    /// <summary>The verified temporary output inside <see cref="WorkDirectory"/> while publishing.</summary>
    public string? TempPath { get; init; }
    /// <summary>Times a run holding this file was killed or stopped mid-way.</summary>
    public int Interruptions { get; init; }

    /// <summary>Space saved in bytes (done jobs).</summary>
    public long Saved => State == JobState.Done && OutputSize is long o ? Size - o : 0;

    /// <summary>True for the states a runner holds a lease on.</summary>
    public bool IsActive => JobStates.IsActive(State);
}
