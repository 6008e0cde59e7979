namespace Ovni.Scenes;

/// <summary>What <see cref="SceneDetector"/> found in one stream.</summary>
public sealed record SceneDetectionResult
{
    /// <summary>Scene boundaries in frame order (the first scene's start, frame 0, is not a boundary).</summary>
    public required IReadOnlyList<SceneCut> Cuts { get; init; }

    /// <summary>The scenes the boundaries make; always at least one for a stream with frames.</summary>
    public required IReadOnlyList<Scene> Scenes { get; init; }

    /// <summary>Frames analysed.</summary>
    public required long FrameCount { get; init; }

    /// <summary>Time from the first frame to the end of the last.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Per frame: mean absolute luma difference to the frame before (8-bit scale, downscaled frames; 0 for frame 0).</summary>
    public required IReadOnlyList<float> Differences { get; init; }

    /// <summary>Per frame: mean luma (8-bit scale).</summary>
    public required IReadOnlyList<float> MeanLuma { get; init; }

    /// <summary>Per frame: presentation time from the start of the stream.</summary>
    public required IReadOnlyList<TimeSpan> FrameTimes { get; init; }
}
