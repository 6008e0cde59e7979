namespace Ovni.Quality;

/// <summary>What pairing the frames of two files did (<see cref="QualityResult.Alignment"/>).</summary>
public sealed record AlignmentReport
{
    /// <summary>How the frames were paired.</summary>
    public required FrameAlignment Mode { get; init; }

    /// <summary>Frame pairs scored.</summary>
    public int PairedFrames { get; init; }

    /// <summary>Distorted frames paired with a reference frame that an earlier distorted frame was already paired with.</summary>
    public int RepeatedFrames { get; init; }

    /// <summary>Reference frames between the first and the last pair that no distorted frame was paired with.</summary>
    public int DroppedFrames { get; init; }

    /// <summary>Reference frames before the first or after the last pair (the distorted file starts later or ends earlier).</summary>
    public int UnmatchedReferenceFrames { get; init; }

    /// <summary>Distorted frames with no reference frame at their time (before the reference starts or after it ends); not scored.</summary>
    public int UnmatchedDistortedFrames { get; init; }

    /// <summary>True when every frame of both files was paired exactly once.</summary>
    public bool IsClean => RepeatedFrames == 0 && DroppedFrames == 0 && UnmatchedReferenceFrames == 0 && UnmatchedDistortedFrames == 0;

    /// <summary>One line for a log or a warning, e.g. "2 frames repeated, 2 dropped (paired by time)".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (RepeatedFrames > 0) parts.Add($"{RepeatedFrames} distorted frame(s) paired with a repeated reference frame");
        if (DroppedFrames > 0) parts.Add($"{DroppedFrames} reference frame(s) dropped");
        if (UnmatchedReferenceFrames > 0) parts.Add($"{UnmatchedReferenceFrames} reference frame(s) unmatched at the ends");
        if (UnmatchedDistortedFrames > 0) parts.Add($"{UnmatchedDistortedFrames} distorted frame(s) unmatched (not scored)");
        if (parts.Count == 0) parts.Add("every frame paired once");
        string mode = Mode switch { FrameAlignment.Index => "in decode order", FrameAlignment.Start => "by time from a common start", _ => "by time" };
        return $"{string.Join(", ", parts)}; {PairedFrames} pairs {mode}";
    }
}
