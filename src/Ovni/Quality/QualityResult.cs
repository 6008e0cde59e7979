namespace Ovni.Quality;

/// <summary>Per-frame and pooled scores of one comparison.</summary>
public sealed record QualityResult
{
    /// <summary>Scores of every scored frame, in frame order.</summary>
    public required IReadOnlyList<QualityFrameScores> Frames { get; init; }

    /// <summary>Pooled scores keyed by libvmaf metric name (<c>vmaf</c>, <c>psnr_y</c>, <c>integer_adm2</c>, …).</summary>
    public required IReadOnlyDictionary<string, PooledScore> Pooled { get; init; }

    /// <summary>Frames read from the reference (equals the compared count for the streaming scorer).</summary>
    public int ReferenceFrameCount { get; init; }

    /// <summary>Frames read from the distorted input.</summary>
    public int DistortedFrameCount { get; init; }

    /// <summary>True when the inputs had different frame counts (see <see cref="Alignment"/> for how they were paired).</summary>
    public bool FrameCountMismatch => ReferenceFrameCount != DistortedFrameCount;

    /// <summary>The VMAF model the scores come from (the built-in one unless the options named another); null without VMAF.</summary>
    public VmafModel? Model { get; init; }

    /// <summary>What pairing the frames of two files did (repeated, dropped, unmatched frames); null for frames added one by one.</summary>
    public AlignmentReport? Alignment { get; init; }

    /// <summary>Pooled VMAF (NaN values when VMAF was not computed).</summary>
    public PooledScore Vmaf => Pooled.TryGetValue(QualityMetricNames.Vmaf, out var p) ? p : PooledScore.From([]);

    /// <summary>Writes the per-frame and pooled scores as libvmaf's JSON log does (<paramref name="fps"/>: the scoring speed to record, 0 when unknown).</summary>
    /// <remarks>
    /// Written as every Ovni report is: whole or not at all (a hidden file renamed into place), and never over a file this
    /// process is reading, a folder, or an existing file that is not JSON.
    /// </remarks>
    /// <exception cref="OvniException">The file cannot be written, or may not be (the message says which and why).</exception>
    public void WriteJson(string path, double fps = 0) => LibvmafJsonWriter.Write(this, path, fps);

    /// <summary>Writes the scores as libvmaf's JSON log does, to <paramref name="stream"/>.</summary>
    public void WriteJson(Stream stream, double fps = 0) => LibvmafJsonWriter.Write(this, stream, fps);
}
