using Microsoft.Extensions.Logging;

namespace Ovni.Encoding;

/// <summary>What <see cref="TargetQualitySearch"/> looks for and how. Defaults suit a 720p–4K film.</summary>
public sealed record TargetQualityOptions
{
    /// <summary>The pooled VMAF to reach (0–100). Default 95.</summary>
    public double TargetVmaf { get; init; } = 95;

    /// <summary>FFmpeg encoder: libsvtav1, libx265, libx264, libaom-av1, hevc_nvenc, av1_nvenc. Default libsvtav1.</summary>
    public string Encoder { get; init; } = "libsvtav1";

    /// <summary>Encoder preset; null keeps the encoder's default.</summary>
    public string? Preset { get; init; }

    /// <summary>Further encoder options by FFmpeg name (part of the cache key).</summary>
    public IReadOnlyDictionary<string, string>? EncoderOptions { get; init; }

    /// <summary>Lowest CRF the search may answer (best quality); null = the encoder's usual range.</summary>
    public double? MinCrf { get; init; }

    /// <summary>Highest CRF the search may answer (smallest file); null = the encoder's usual range.</summary>
    public double? MaxCrf { get; init; }

    /// <summary>How frame scores are pooled. Default mean.</summary>
    public VmafPooling Pooling { get; init; } = VmafPooling.Mean;

    /// <summary>Samples to take; 0 = as many as the encoder's tuning asks per minute of video, 4 to 12.</summary>
    public int SampleCount { get; init; }

    /// <summary>Length of each sample; null = the encoder's tuning (see the README's target-quality section).</summary>
    public TimeSpan? SampleDuration { get; init; }

    /// <summary>Where the samples come from. Default <see cref="SamplePlacement.Auto"/>.</summary>
    public SamplePlacement Placement { get; init; } = SamplePlacement.Auto;

    /// <summary>Most probes (encodes of the samples at one CRF) before answering. Default 6.</summary>
    public int MaxProbes { get; init; } = 6;

    /// <summary>Samples encoded and scored at once; 0 = one per core (each with its share of the cores' threads).</summary>
    public int Parallelism { get; init; }

    /// <summary>The VMAF models (4K model above 2560×1440); null = <see cref="VmafModelCatalog.FromEnvironment"/>.</summary>
    public VmafModelCatalog? Models { get; init; }

    /// <summary>SQLite file caching probes and sample plans; null = no cache.</summary>
    public string? CachePath { get; init; }

    /// <summary>Receives progress notes and warnings.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>How the search spends its time; null = the encoder's profile (benchmarks vary it).</summary>
    internal SearchTuning? Tuning { get; init; }

    internal SearchTuning EffectiveTuning => Tuning ?? EncoderProfile.For(Encoder).Tuning;

    internal TimeSpan EffectiveSampleDuration => SampleDuration ?? EffectiveTuning.SampleDuration;

    internal void Validate(string input)
    {
        if (!(TargetVmaf > 0 && TargetVmaf <= 100))
            throw new OvniException($"The target VMAF must be above 0 and at most 100, got {TargetVmaf} (searching '{input}').") { FilePath = input };
        if (MinCrf is double min && MaxCrf is double max && min >= max)
            throw new OvniException($"The lowest CRF ({min}) must be below the highest ({max}) (searching '{input}').") { FilePath = input };
        if (MinCrf < 0 || MaxCrf < 0) throw new OvniException($"A CRF cannot be negative (searching '{input}').") { FilePath = input };
        if (SampleCount < 0 || SampleCount > 200) throw new OvniException($"Sample count {SampleCount} is out of range 0–200.") { FilePath = input };
        if (SampleDuration is TimeSpan length && (length < TimeSpan.FromSeconds(0.2) || length > TimeSpan.FromMinutes(10)))
            throw new OvniException($"Sample length {length.TotalSeconds:0.##} s is out of range 0.2 s – 10 min.") { FilePath = input };
        if (MaxProbes is < 2 or > 20) throw new OvniException($"MaxProbes must be 2–20, got {MaxProbes}.") { FilePath = input };
    }
}
