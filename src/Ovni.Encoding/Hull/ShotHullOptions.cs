using System.Globalization;

namespace Ovni.Encoding;

/// <summary>What <see cref="ShotHullEncoder"/> aims for and how it probes.</summary>
public sealed record ShotHullOptions
{
    /// <summary>Pooled (frame-weighted mean) VMAF the whole file must reach. Default 95. Ignored when <see cref="BudgetBytes"/> is set.</summary>
    public double TargetVmaf { get; init; } = 95;

    /// <summary>Best quality within this many bytes of video (all shots together) instead of a VMAF target; null = target mode.</summary>
    public long? BudgetBytes { get; init; }

    /// <summary>No shot gets an encode whose mean VMAF is below this; null = <see cref="TargetVmaf"/> − 6 in target mode, no floor in budget mode.</summary>
    public double? MinShotVmaf { get; init; }

    /// <summary>FFmpeg encoder. Default libx264.</summary>
    public string Encoder { get; init; } = "libx264";

    /// <summary>Encoder preset; null keeps the encoder's default.</summary>
    public string? Preset { get; init; }

    /// <summary>Further encoder options by FFmpeg name.</summary>
    public IReadOnlyDictionary<string, string>? EncoderOptions { get; init; }

    /// <summary>
    /// Other encoder settings every shot is also probed with (each at the coarse CRFs; refinement follows the variant a
    /// shot chose); each shot's hull is drawn over all of them. Empty (default) = the base settings only. Every variant must
    /// write the same codec headers as the base settings: that is checked on the shortest shot before the other probes.
    /// </summary>
    public IReadOnlyList<EncoderVariant> Variants { get; init; } = [];

    /// <summary>The first CRFs every shot is probed at; null = four CRFs around the encoder's usual CRF for the target.</summary>
    public IReadOnlyList<double>? CoarseCrfs { get; init; }

    /// <summary>Rounds of probes added around each shot's chosen point (each halves the step, down to the encoder's finest). Default 2.</summary>
    public int RefineRounds { get; init; } = 2;

    /// <summary>Lowest and highest CRF to probe; null = the encoder's usual range.</summary>
    public double? MinCrf { get; init; }

    /// <summary>Highest CRF to probe; null = the encoder's usual range.</summary>
    public double? MaxCrf { get; init; }

    /// <summary>How shots are cut (shortest and longest, in seconds).</summary>
    public ChunkPlanOptions Plan { get; init; } = new();

    /// <summary>Where shots start; null = Ovni's scene detector.</summary>
    public ICutPointSource? CutPoints { get; init; }

    /// <summary>Probe encodes run at once; 0 = one per core.</summary>
    public int Parallelism { get; init; }

    /// <summary>
    /// Where the probe encodes run; null = on this machine, <see cref="Parallelism"/> at once. Ovni.Distributed's
    /// <c>ClusterShotHull</c> runs them as chunk jobs on <c>ovni worker</c> machines.
    /// </summary>
    public IShotProbeEncoder? ProbeEncoder { get; init; }

    /// <summary>The VMAF models; null = <see cref="VmafModelCatalog.FromEnvironment"/>.</summary>
    public VmafModelCatalog? Models { get; init; }

    /// <summary>How the joined file is verified. Default full.</summary>
    public VerifyMode Verify { get; init; } = VerifyMode.Full;

    /// <summary>
    /// Publish even when the target (or budget) cannot be met in the CRF range, or the joined file measures below the
    /// target: the closest allocation is published (<see cref="TargetQualityOutcome.PublishedBelowTarget"/>). Default false:
    /// nothing is published then, as with <c>ovni encode --target-vmaf</c> without <c>--best-effort</c>.
    /// </summary>
    public bool BestEffort { get; init; }

    /// <summary>
    /// Refuse to publish an output larger than this percentage of the source (<see cref="TargetQualityOutcome.TooLarge"/>, as
    /// <c>ovni encode --max-size-percent</c>); null = no limit (the default of the library; the CLI passes its 100).
    /// </summary>
    public double? MaxSizePercent { get; init; }

    /// <summary>How far below the target the measured VMAF may fall before one corrected allocation (no new encodes). Default 0.25.</summary>
    public double Tolerance { get; init; } = 0.25;

    /// <summary>
    /// How frames pool into the file's VMAF, for the target, the allocation and the verification: <see cref="VmafPooling.Mean"/>
    /// (default), <see cref="VmafPooling.HarmonicMean"/> (weak frames weigh more) or <see cref="VmafPooling.Min"/> (every
    /// shot's worst frame reaches the target). <see cref="VmafPooling.Percentile5"/> is refused: it does not separate into shots.
    /// </summary>
    public VmafPooling Pooling { get; init; } = VmafPooling.Mean;

    /// <summary>Folder for the probe encodes; null = a hidden folder beside the output, removed at the end.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Shared settings (logging); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }

    internal double Floor => MinShotVmaf ?? (BudgetBytes is null ? TargetVmaf - 6 : 0);

    internal void Validate(string input)
    {
        var inv = CultureInfo.InvariantCulture;
        if (BudgetBytes is null && !(TargetVmaf > 0 && TargetVmaf <= 100))
            throw new OvniException($"The target VMAF must be above 0 and at most 100, got {TargetVmaf.ToString(inv)} (encoding '{input}').") { FilePath = input };
        if (BudgetBytes is long budget && budget <= 0)
            throw new OvniException($"The size budget must be positive, got {budget} bytes (encoding '{input}').") { FilePath = input };
        if (MinShotVmaf is double floor && !(floor >= 0 && floor <= 100))
            throw new OvniException($"The per-shot minimum VMAF must be 0–100, got {floor.ToString(inv)} (encoding '{input}').") { FilePath = input };
        if (BudgetBytes is null && MinShotVmaf > TargetVmaf)
            throw new OvniException($"The per-shot minimum VMAF ({MinShotVmaf?.ToString(inv)}) is above the target ({TargetVmaf.ToString(inv)}) (encoding '{input}').") { FilePath = input };
        if (MinCrf is double min && MaxCrf is double max && min >= max)
            throw new OvniException($"The lowest CRF ({min.ToString(inv)}) must be below the highest ({max.ToString(inv)}) (encoding '{input}').") { FilePath = input };
        if (MinCrf < 0 || MaxCrf < 0 || CoarseCrfs?.Any(c => c < 0 || double.IsNaN(c)) == true)
            throw new OvniException($"A CRF cannot be negative (encoding '{input}').") { FilePath = input };
        if (CoarseCrfs is { Count: < 2 })
            throw new OvniException($"At least two coarse CRFs are needed to draw a shot's curve (encoding '{input}').") { FilePath = input };
        if (RefineRounds is < 0 or > 5) throw new OvniException($"RefineRounds must be 0–5, got {RefineRounds} (encoding '{input}').") { FilePath = input };
        if (MaxSizePercent is double percent && !(percent > 0))
            throw new OvniException($"The largest output share of the source must be positive, got {percent.ToString(inv)}% (encoding '{input}').") { FilePath = input };
        if (Pooling is not (VmafPooling.Mean or VmafPooling.HarmonicMean or VmafPooling.Min))
            throw new OvniException($"{Pooling} pooling cannot be allocated per shot (a shot's share of a percentile depends on every other shot); use mean, harmonic or min (encoding '{input}').") { FilePath = input };
        EncoderVariant.Validate(Variants ?? [], input);
        if (!(Tolerance >= 0)) throw new OvniException($"The tolerance must not be negative (encoding '{input}').") { FilePath = input };
    }
}
