namespace Ovni.Scenes;

/// <summary>How <see cref="SceneDetector"/> finds cuts. The defaults were tuned on the test set in the README.</summary>
public sealed record SceneDetectionOptions
{
    /// <summary>
    /// A frame starts a new scene when its luma difference to the frame before is at least this many times the mean
    /// difference of its neighbours (<see cref="Window"/> frames each side), as PySceneDetect's AdaptiveDetector decides. Default 3.
    /// </summary>
    public double AdaptiveThreshold { get; init; } = 3.0;

    /// <summary>The smallest difference (mean absolute luma difference of the downscaled frames, 8-bit scale) that can be a cut. Default 4.</summary>
    public double MinimumDifference { get; init; } = 4.0;

    /// <summary>Neighbouring frames on each side whose differences set the adaptive level. Default 2.</summary>
    public int Window { get; init; } = 2;

    /// <summary>Scenes shorter than this are merged into the scene before (the later boundary is dropped). Default 0.5 s.</summary>
    public TimeSpan MinimumSceneLength { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Report fades through black as boundaries. Default true.</summary>
    public bool DetectFades { get; init; } = true;

    /// <summary>Mean luma (8-bit scale) at or below which a frame counts as black for fades. Default 24 (limited-range black is 16).</summary>
    public double BlackLevel { get; init; } = 24;

    /// <summary>
    /// Decode fast and approximately (no in-loop deblocking; reduced resolution where the decoder supports it): the detector
    /// reads only coarse luma, so the approximation does not change what it sees of cuts. Default true.
    /// </summary>
    public bool FastDecode { get; init; } = true;

    /// <summary>Decoder threads; 0 = one per core.</summary>
    public int DecoderThreads { get; init; }

    internal void Validate()
    {
        if (!(AdaptiveThreshold > 1)) throw new ArgumentOutOfRangeException(nameof(AdaptiveThreshold), AdaptiveThreshold, "The adaptive threshold must be above 1.");
        if (!(MinimumDifference >= 0)) throw new ArgumentOutOfRangeException(nameof(MinimumDifference), MinimumDifference, "The minimum difference must not be negative.");
        if (Window is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(Window), Window, "The window must be 1 to 30 frames.");
        if (MinimumSceneLength < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MinimumSceneLength), MinimumSceneLength, "The minimum scene length must not be negative.");
    }
}
