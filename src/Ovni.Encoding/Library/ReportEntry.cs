namespace Ovni.Encoding.Library;

/// <summary>One file in the final report.</summary>
public sealed record ReportEntry
{
    /// <summary>Queue id.</summary>
    public required long JobId { get; init; }
    /// <summary>Source path.</summary>
    public required string Path { get; init; }
    /// <summary>"encoded", "skipped", "failed", "excluded", "deferred" or "would encode" (dry run).</summary>
    public required string Decision { get; init; }
    /// <summary>Why (skip reason, failure cause, what was done).</summary>
    public string? Reason { get; init; }
    /// <summary>Where the output went.</summary>
    public string? OutputPath { get; init; }
    /// <summary>Source size in bytes.</summary>
    public long SourceBytes { get; init; }
    /// <summary>Output size in bytes.</summary>
    public long? OutputBytes { get; init; }
    /// <summary>Saving as a fraction of the source (0.42 = 42 % smaller).</summary>
    public double? Saving => OutputBytes is long o && SourceBytes > 0 ? 1 - (double)o / SourceBytes : null;
    /// <summary>Measured VMAF, when measured.</summary>
    public double? Vmaf { get; init; }
    /// <summary>CRF used.</summary>
    public int? Crf { get; init; }
    /// <summary>Encoder used.</summary>
    public string? Encoder { get; init; }
    /// <summary>Encode wall time in seconds.</summary>
    public double? EncodeSeconds { get; init; }
    /// <summary>Verification wall time in seconds.</summary>
    public double? VerifySeconds { get; init; }
    /// <summary>Time spent in queue bookkeeping (database, scheduling) for this file, in seconds.</summary>
    public double? OverheadSeconds { get; init; }
}
