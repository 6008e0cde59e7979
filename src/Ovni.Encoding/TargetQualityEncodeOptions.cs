namespace Ovni.Encoding;

/// <summary>How <see cref="TargetQualityEncoder"/> encodes, verifies and publishes.</summary>
public sealed record TargetQualityEncodeOptions
{
    /// <summary>The search (target, encoder, preset, pooling, cache).</summary>
    public required TargetQualityOptions Search { get; init; }

    /// <summary>How the final file is verified. Default full.</summary>
    public VerifyMode Verify { get; init; } = VerifyMode.Full;

    /// <summary>How far below the target the measured score may fall before a corrective re-encode (at most two). Default 0.25.</summary>
    public double Tolerance { get; init; } = 0.25;

    /// <summary>Refuse to publish an output larger than this percentage of the source. Default 100 (never larger than the source).</summary>
    public double MaxSizePercent { get; init; } = 100;

    /// <summary>Encode at the best CRF in range when the target is not reachable (otherwise nothing is encoded).</summary>
    public bool BestEffort { get; init; }

    /// <summary>Test seam: the first full encode is made this many CRF above the search's answer (a wrong prediction, to exercise the correction).</summary>
    internal double FirstCrfOffset { get; init; }

    /// <summary>Benchmark seam: receives the CRF and the per-frame VMAF of every verified encode.</summary>
    internal Action<double, IReadOnlyList<double>>? Verified { get; init; }
}
