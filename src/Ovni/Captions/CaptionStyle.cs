namespace Ovni.Captions;

/// <summary>
/// How SubRip captions look (SRT has no styling of its own beyond &lt;b&gt;, &lt;i&gt;, &lt;u&gt; and &lt;font color&gt;).
/// Sizes are in pixels of a <see cref="PlayResY"/>-high canvas that libass scales to the video.
/// </summary>
public sealed record CaptionStyle
{
    /// <summary>Font family; fontconfig substitutes the closest installed font.</summary>
    public string FontFamily { get; init; } = "sans-serif";

    /// <summary>Font size in canvas pixels.</summary>
    public double FontSize { get; init; } = 18;

    /// <summary>Text colour.</summary>
    public RgbaColor TextColor { get; init; } = RgbaColor.White;

    /// <summary>Outline colour.</summary>
    public RgbaColor OutlineColor { get; init; } = RgbaColor.Black;

    /// <summary>Shadow colour.</summary>
    public RgbaColor ShadowColor { get; init; } = new(0, 0, 0, 128);

    /// <summary>Outline width in canvas pixels.</summary>
    public double Outline { get; init; } = 1.5;

    /// <summary>Shadow offset in canvas pixels (0 for none).</summary>
    public double Shadow { get; init; } = 1;

    /// <summary>Bold text.</summary>
    public bool Bold { get; init; }

    /// <summary>Distance of the text from the bottom edge, in canvas pixels.</summary>
    public int MarginVertical { get; init; } = 16;

    /// <summary>Canvas width (ASS PlayResX).</summary>
    public int PlayResX { get; init; } = 384;

    /// <summary>Canvas height (ASS PlayResY).</summary>
    public int PlayResY { get; init; } = 288;
}
