namespace Ovni.Encoding.Library;

/// <summary>One thing that happened in a run, for the dashboard, the log file and <c>--json</c> event lines.</summary>
public sealed record AutoEncodeEvent
{
    /// <summary>When (UTC).</summary>
    public DateTime Time { get; init; } = DateTime.UtcNow;
    /// <summary>What kind of event.</summary>
    public required AutoEncodeEventKind Kind { get; init; }
    /// <summary>The job (queue id), when it concerns a file.</summary>
    public long? JobId { get; init; }
    /// <summary>The worker slot ("cpu 1", "gpu 1") that runs the file.</summary>
    public string? Worker { get; init; }
    /// <summary>The source file.</summary>
    public string? Path { get; init; }
    /// <summary>The file's state after the event.</summary>
    public JobState? State { get; init; }
    /// <summary>Human-readable detail (reason, decision, log line).</summary>
    public string? Message { get; init; }
    /// <summary>Encode progress of the file, 0–1.</summary>
    public double? Fraction { get; init; }
    /// <summary>Encode speed.</summary>
    public double? FramesPerSecond { get; init; }
    /// <summary>Time left for this file.</summary>
    public TimeSpan? FileEta { get; init; }
    /// <summary>Time left for the whole queue.</summary>
    public TimeSpan? TotalEta { get; init; }
    /// <summary>For finished files: the report line.</summary>
    public ReportEntry? Entry { get; init; }
}
