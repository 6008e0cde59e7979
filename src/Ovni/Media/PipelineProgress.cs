namespace Ovni;

/// <summary>
/// Progress of a run over frames, reported through <see cref="IProgress{T}"/>: writing or transcoding (frames written),
/// quality scoring (frame pairs scored) and scene detection (frames analysed).
/// </summary>
/// <param name="Frames">Frames done so far (written, scored or analysed).</param>
/// <param name="TotalFrames">Expected total (estimated from the source), 0 when unknown.</param>
/// <param name="Elapsed">Wall-clock time since the run started.</param>
/// <param name="Position">Timestamp of the last frame done (zero for frames without time, such as raw files).</param>
public readonly record struct PipelineProgress(long Frames, long TotalFrames, TimeSpan Elapsed, TimeSpan Position)
{
    /// <summary>Frames per second so far.</summary>
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    /// <summary>Fraction done in [0, 1]; 0 when the total is unknown.</summary>
    public double Fraction => TotalFrames > 0 ? Math.Min(1.0, (double)Frames / TotalFrames) : 0;

    /// <summary>Estimated time left at the current rate; null when unknown.</summary>
    public TimeSpan? Eta => TotalFrames > 0 && Frames > 0 && FramesPerSecond > 0
        ? TimeSpan.FromSeconds(Math.Max(0, TotalFrames - Frames) / FramesPerSecond) : null;
}
