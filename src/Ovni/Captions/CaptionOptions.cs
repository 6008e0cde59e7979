namespace Ovni.Captions;

/// <summary>How captions are rendered.</summary>
public sealed record CaptionOptions
{
    /// <summary>Added to each frame's timestamp before looking up captions (positive shows captions earlier).</summary>
    public TimeSpan TimeOffset { get; init; }

    /// <summary>Extra folder of font files libass may use (besides the system's fonts).</summary>
    public string? FontsDirectory { get; init; }

    /// <summary>Family used when a style's font is not installed.</summary>
    public string DefaultFontFamily { get; init; } = "sans-serif";
}
