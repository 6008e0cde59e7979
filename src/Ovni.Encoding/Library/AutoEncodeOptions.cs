namespace Ovni.Encoding.Library;

/// <summary>
/// Everything <see cref="AutoEncoder"/> needs to re-encode a media library unattended. Loaded from <c>ovni.json</c>
/// by <see cref="AutoEncodeConfigFile"/>; every value has a safe default (keep sources, mkv, 15 % minimum saving).
/// </summary>
public sealed record AutoEncodeOptions
{
    /// <summary>Folders scanned recursively.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];

    /// <summary>File extensions (with the dot, any case) that are media.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [".mkv", ".mp4", ".m4v", ".mov", ".avi", ".wmv", ".ts", ".m2ts", ".mpg", ".mpeg", ".webm", ".flv"];

    /// <summary>Glob patterns relative to a root (<c>**</c>, <c>*</c>, <c>?</c>); when any are given a file must match one.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Glob patterns relative to a root; a matching file is excluded (recorded with the pattern as reason).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The queue database; default <c>.ovni/queue.db</c> inside the first root.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Where outputs go: null puts each beside its source; a folder mirrors the library's tree under it.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>Added to an output's name ("movie.ovni.mkv"); files whose name ends with it are never queued.</summary>
    public string OutputSuffix { get; init; } = ".ovni";

    /// <summary>Files whose name (before the extension) ends with this are skipped ("movie.skip.mkv").</summary>
    public string SkipSuffix { get; init; } = ".skip";

    /// <summary>Container: "mkv" (default, holds every stream) or "mp4" (used when every stream fits, else mkv with a note).</summary>
    public string Container { get; init; } = "mkv";

    /// <summary>What happens to a source after its output is published. Default <see cref="SourceAction.Keep"/>.</summary>
    public SourceAction SourceAction { get; init; } = SourceAction.Keep;

    /// <summary>Quarantine folder for originals (quarantine and replace); default <c>.ovni-quarantine</c> in each root.</summary>
    public string? QuarantineFolder { get; init; }

    /// <summary>FFmpeg encoder: libx265 (default), libsvtav1, libx264, hevc_nvenc, av1_nvenc, h264_nvenc.</summary>
    public string Encoder { get; init; } = "libx265";

    /// <summary>Encoder preset; null uses the encoder's default.</summary>
    public string? Preset { get; init; }

    /// <summary>Fixed CRF, used when <see cref="TargetVmaf"/> is null. Default 24.</summary>
    public int Crf { get; init; } = 24;

    /// <summary>Target VMAF: the CRF is chosen per file (through <see cref="AutoEncoder.CrfChooser"/>) and the output verified against it.</summary>
    public double? TargetVmaf { get; init; }

    /// <summary>How far below the target the measured VMAF of the final file may fall. Default 0.5.</summary>
    public double VmafTolerance { get; init; } = 0.5;

    /// <summary>Measure the final file's VMAF during verification (always on with a target). Default false.</summary>
    public bool VerifyVmaf { get; init; }

    /// <summary>libvmaf JSON model for VMAF; default the <c>OVNI_VMAF_MODEL</c> variable.</summary>
    public string? VmafModelPath { get; init; }

    /// <summary>Output bit depth. Default <see cref="OutputBitDepth.Source"/>.</summary>
    public OutputBitDepth BitDepth { get; init; } = OutputBitDepth.Source;

    /// <summary>An output must be at least this much smaller than its source (0.15 = 15 %). Default 0.15.</summary>
    public double MinSaving { get; init; } = 0.15;

    /// <summary>When the size rule fails, encode once more at <see cref="Crf"/> + <see cref="RetryCrfStep"/>. Default true.</summary>
    public bool RetryHigherCrf { get; init; } = true;

    /// <summary>CRF step of the size-rule retry. Default 4.</summary>
    public int RetryCrfStep { get; init; } = 4;

    /// <summary>Encoder threads per encode (0 = the encoder's choice).</summary>
    public int EncoderThreads { get; init; }

    /// <summary>Which files are worth encoding.</summary>
    public LibraryFilters Filters { get; init; } = new();

    /// <summary>Concurrent work per kind.</summary>
    public WorkerSlots Workers { get; init; } = new();

    /// <summary>Resource thresholds that hold new work back.</summary>
    public ResourceGuards Guards { get; init; } = new();

    /// <summary>When new files may start; null = any time.</summary>
    public ScheduleWindow? Schedule { get; init; }

    /// <summary>Failures of one file before it is excluded. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Back-off after the first failure; doubled after each further one. Default 5 minutes.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Keep running: watch the roots for new files and rescan periodically. Default false (one pass).</summary>
    public bool Watch { get; init; }

    /// <summary>Periodic rescan interval in watch mode. Default 10 minutes.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A new file starts only when its size and modification time were unchanged this long. Default 30 s.</summary>
    public TimeSpan StableFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep the machine awake while working (systemd-inhibit / SetThreadExecutionState). Default true.</summary>
    public bool KeepAwake { get; init; } = true;

    /// <summary>Print every decision without writing anything (no database, no files).</summary>
    public bool DryRun { get; init; }

    /// <summary>Checks the values against each other; throws <see cref="AutoEncodeConfigException"/> naming the key at fault.</summary>
    public void Validate()
    {
        if (Roots.Count == 0) throw new AutoEncodeConfigException("roots", "no library folder given.");
        foreach (string root in Roots)
            if (!Directory.Exists(root)) throw new AutoEncodeConfigException("roots", $"the folder '{root}' does not exist.");
        if (Container is not ("mkv" or "mp4")) throw new AutoEncodeConfigException("container", $"'{Container}' is not supported; use mkv or mp4.");
        if (Crf is < 0 or > 63) throw new AutoEncodeConfigException("crf", $"{Crf} is outside 0–63.");
        if (TargetVmaf is double t && t is <= 0 or > 100) throw new AutoEncodeConfigException("target_vmaf", $"{t} is outside 0–100.");
        if (VmafTolerance is < 0 or > 20) throw new AutoEncodeConfigException("vmaf_tolerance", $"{VmafTolerance} is outside 0–20.");
        if (MinSaving is < 0 or >= 1) throw new AutoEncodeConfigException("min_saving", $"{MinSaving:P0} is not a fraction between 0 % and 99 %.");
        if (MaxAttempts < 1) throw new AutoEncodeConfigException("max_attempts", "must be at least 1.");
        if (Workers.Cpu < 0 || Workers.Gpu < 0 || Workers.Vmaf < 1) throw new AutoEncodeConfigException("workers", "slot counts must be ≥ 0 (vmaf ≥ 1).");
        if (Workers.Cpu + Workers.Gpu < 1) throw new AutoEncodeConfigException("workers", "no encode slot: set workers.cpu or workers.gpu to 1 or more.");
        if (SourceAction == SourceAction.Replace && OutputFolder is not null)
            throw new AutoEncodeConfigException("output_folder", "cannot be combined with source=replace (the output takes the source's place).");
        if (string.IsNullOrWhiteSpace(OutputSuffix) && SourceAction != SourceAction.Replace && OutputFolder is null)
            throw new AutoEncodeConfigException("output_suffix", "must not be empty when outputs are written beside their sources.");
        if (Guards.DiskHeadroom < 0) throw new AutoEncodeConfigException("guards.disk_headroom", "must be ≥ 0.");
    }

    /// <summary>The database path actually used.</summary>
    public string ResolvedDatabasePath => Path.GetFullPath(DatabasePath ?? Path.Combine(Roots[0], ".ovni", "queue.db"));

    /// <summary>True when the encoder runs on an NVIDIA GPU.</summary>
    public bool IsGpuEncoder => Encoder.EndsWith("_nvenc", StringComparison.Ordinal);
}
