namespace Ovni.Encoding;

/// <summary>The result of <see cref="TargetQualityEncoder.EncodeAsync"/>: the search, every encode with its verification, and what was published.</summary>
public sealed record TargetQualityEncodeResult
{
    /// <summary>The search's answer.</summary>
    public required TargetQualityResult Search { get; init; }

    /// <summary>Full encodes made (the first, and the corrective one when the first missed).</summary>
    public required IReadOnlyList<EncodeAttempt> Attempts { get; init; }

    /// <summary>What happened.</summary>
    public required TargetQualityOutcome Outcome { get; init; }

    /// <summary>The published file, or null.</summary>
    public string? Output { get; init; }

    /// <summary>Size of the source file.</summary>
    public long SourceBytes { get; init; }

    /// <summary>The attempt that was published, or null.</summary>
    public EncodeAttempt? Final { get; init; }

    /// <summary>Streams of the source the output's container could not hold (with the reason); empty when everything was kept.</summary>
    public IReadOnlyList<string> SkippedStreams { get; init; } = [];

    /// <summary>
    /// Sentences for people about anything that makes the output less than a faithful copy of the source, as the full
    /// encode saw it: decode errors, a source whose data ends before the length its container announces, fewer frames than
    /// announced, streams left out. Empty when there is none.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
