namespace Ovni.Encoding;

/// <summary>The result of <see cref="ShotHullEncoder.EncodeAsync"/>.</summary>
public sealed record ShotHullResult
{
    /// <summary>The published file; null when nothing was published (<see cref="Outcome"/> is <see cref="TargetQualityOutcome.NotReachable"/> or <see cref="TargetQualityOutcome.TooLarge"/>).</summary>
    public required string? Output { get; init; }

    /// <summary>
    /// As for <c>ovni encode --target-vmaf</c>: <see cref="TargetQualityOutcome.Published"/>; <see cref="TargetQualityOutcome.NotReachable"/>
    /// (nothing published) when the target or budget cannot be met in the CRF range, or the joined file measured below
    /// the target by more than the tolerance after the correction; <see cref="TargetQualityOutcome.PublishedBelowTarget"/>
    /// for either with <see cref="ShotHullOptions.BestEffort"/>; <see cref="TargetQualityOutcome.TooLarge"/> (nothing published)
    /// when the output would be larger than <see cref="ShotHullOptions.MaxSizePercent"/> of the source.
    /// </summary>
    public TargetQualityOutcome Outcome { get; init; } = TargetQualityOutcome.Published;

    /// <summary>Every shot, in order.</summary>
    public required IReadOnlyList<ShotReport> Shots { get; init; }

    /// <summary>The allocation that was published (or, when nothing was, the closest one found).</summary>
    public required HullAllocation Allocation { get; init; }

    /// <summary>Pooled VMAF of the published file as predicted from the shots' probes.</summary>
    public double PredictedVmaf => Allocation.PooledVmaf;

    /// <summary>Pooled VMAF (by <see cref="ShotHullOptions.Pooling"/>) of the published file, measured against the source; NaN when not verified.</summary>
    public double MeasuredVmaf { get; init; } = double.NaN;

    /// <summary>
    /// Measured VMAF of the first join when a corrected allocation was published instead (it measured more than the
    /// tolerance below the target, which a sampled verification can; the correction aims higher); else NaN.
    /// </summary>
    public double FirstMeasuredVmaf { get; init; } = double.NaN;

    /// <summary>Size of the published file (video, audio and container).</summary>
    public long OutputBytes { get; init; }

    /// <summary>Probe encodes made (every shot at every CRF probed).</summary>
    public int ProbeEncodes { get; init; }

    /// <summary>The lowest mean VMAF any shot has in the output (predicted from its probe).</summary>
    public double LowestShotVmaf => Shots.Min(s => s.Chosen.MeanVmaf);

    /// <summary>The per-shot floor applied.</summary>
    public double MinShotVmaf { get; init; }

    /// <summary>Time spent probing (encoding and scoring shots).</summary>
    public TimeSpan ProbeTime { get; init; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Sentences for people about anything that makes the output less than a faithful copy of the source, as one whole
    /// read of the source saw it (the shots are read by seeking): decode errors, data that ends before the length the
    /// container announces (a truncated file), fewer frames than announced. Empty when there is none.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
