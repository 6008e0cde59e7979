namespace Ovni.Encoding;

/// <summary>The answer of a <see cref="TargetQualitySearch"/>.</summary>
public sealed record TargetQualityResult
{
    /// <summary>The input searched.</summary>
    public required string Input { get; init; }

    /// <summary>The target asked for.</summary>
    public required double TargetVmaf { get; init; }

    /// <summary>True when a CRF in range meets the target. When false, <see cref="Crf"/> is the best CRF in range (the lowest) and <see cref="PredictedVmaf"/> what it reaches.</summary>
    public required bool Reachable { get; init; }

    /// <summary>The highest CRF whose predicted pooled VMAF meets the target (or the best in range when not reachable).</summary>
    public required double Crf { get; init; }

    /// <summary>Predicted pooled VMAF of the whole file at <see cref="Crf"/>.</summary>
    public required double PredictedVmaf { get; init; }

    /// <summary>Predicted size of the encoded video stream.</summary>
    public required long PredictedBytes { get; init; }

    /// <summary>Predicted video size as a percentage of the source file's size.</summary>
    public required double PredictedSizePercent { get; init; }

    /// <summary>Predicted wall time of the full encode on this machine.</summary>
    public required TimeSpan PredictedEncodeTime { get; init; }

    /// <summary>Probes in the order they were made.</summary>
    public required IReadOnlyList<CrfProbe> Probes { get; init; }

    /// <summary>Probes that had to be encoded (0 when every probe came from the cache).</summary>
    public int ProbesEncoded => Probes.Count(p => !p.FromCache);

    /// <summary>How the samples were placed (scenes, even intervals, whole file).</summary>
    public required SamplePlacement Placement { get; init; }

    /// <summary>Samples, and frames in them.</summary>
    public required int SampleCount { get; init; }

    /// <summary>Frames in all samples.</summary>
    public required long SampleFrames { get; init; }

    /// <summary>How the final CRF was read off the probes: "probe", "bracketing", "linear" or "pchip".</summary>
    public required string Interpolation { get; init; }

    /// <summary>Wall time of the search.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The encoder searched.</summary>
    public required string Encoder { get; init; }

    /// <summary>The preset searched (null: the encoder's default).</summary>
    public string? Preset { get; init; }
}
