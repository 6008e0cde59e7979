namespace Ovni.Quality;

/// <summary>What to compute and how. Defaults match the libvmaf <c>vmaf</c> tool; <c>new QualityOptions()</c> is ready to use.</summary>
public sealed record QualityOptions
{
    /// <summary>
    /// The VMAF model. Null (the default) uses libvmaf's model built into Ovni, as libvmaf's <c>version=vmaf_v0.6.1</c>:
    /// vmaf_4k_v0.6.1 for pictures larger than 2560×1440, otherwise vmaf_v0.6.1 (<see cref="VmafModel.ForResolution"/>).
    /// Set <see cref="VmafModel.BuiltIn"/> or <see cref="VmafModel.Load"/> to choose another.
    /// </summary>
    public VmafModel? Model { get; init; }

    /// <summary>Metrics to compute.</summary>
    public QualityMetrics Metrics { get; init; } = QualityMetrics.All;

    /// <summary>Frames scored in parallel (default: processor count).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Score every Nth frame only (1 = every frame). Motion still compares with the frame just before.</summary>
    public int Subsample { get; init; } = 1;

    /// <summary>Apply the model's score transform; null follows the model file (libvmaf's default: off).</summary>
    public bool? EnableTransform { get; init; }

    /// <summary>Clip VMAF to the model's score range (libvmaf's default: on).</summary>
    public bool Clip { get; init; } = true;

    /// <summary>
    /// Device choice and logging; <see cref="OvniConfiguration.Default"/> when null. Files are scored
    /// (<see cref="QualityScorer.ScoreFilesAsync"/>) on its <see cref="OvniConfiguration.Device"/>: the CPU's worker
    /// threads, or a CUDA device that decodes them (NVDEC where FFmpeg offers it, else CPU decode and upload) and computes
    /// VIF, ADM and motion with kernels equal to the CPU extractors bit for bit. Warnings (mismatched frame counts, no
    /// model) go to its <see cref="OvniConfiguration.Logger"/>.
    /// </summary>
    public OvniConfiguration? Configuration { get; init; }

    /// <summary>
    /// How the frames of two files or streams are paired (<see cref="QualityScorer.ScoreFilesAsync"/>,
    /// <see cref="QualityScorer.ScoreStreamsAsync"/>): by presentation time (default), in decode order, or by time from a common start.
    /// </summary>
    public FrameAlignment Alignment { get; init; } = FrameAlignment.Time;

    /// <summary><see cref="Configuration"/>, or the default one.</summary>
    internal OvniConfiguration ConfigurationOrDefault => Configuration ?? OvniConfiguration.Default;
}
