namespace Ovni.Encoding.Library;

/// <summary>What a run did: one entry per file it decided about, totals, and why it stopped.</summary>
public sealed record AutoEncodeReport
{
    /// <summary>Per-file results in the order they finished.</summary>
    public required IReadOnlyList<ReportEntry> Entries { get; init; }
    /// <summary>When the run started (UTC).</summary>
    public DateTime Started { get; init; }
    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; init; }
    /// <summary>Why the run ended ("queue empty", "paused", "cancelled").</summary>
    public string StopReason { get; init; } = "";
    /// <summary>Files encoded.</summary>
    public int Encoded => Entries.Count(e => e.Decision == "encoded");
    /// <summary>Bytes saved by this run.</summary>
    public long SavedBytes => Entries.Where(e => e.Decision == "encoded" && e.OutputBytes is not null).Sum(e => e.SourceBytes - e.OutputBytes!.Value);
}
