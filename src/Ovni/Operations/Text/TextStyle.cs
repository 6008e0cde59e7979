namespace Ovni;

/// <summary>
/// How <see cref="FrameOperations.DrawText"/> draws text: font, size, colours, outline and shadow, in pixels of the
/// frame. What changes over time (the text, its position and opacity) is passed to the operation, not set here.
/// </summary>
public sealed record TextStyle
{
    /// <summary>
    /// A font family fontconfig knows (<c>fc-list : family</c>; the generic "sans-serif", "serif" and "monospace"
    /// always work) or the path of a font file (.ttf, .otf, .ttc).
    /// </summary>
    public string Font { get; init; } = "sans-serif";

    /// <summary>Font size in pixels (libass's size: the font's line height). Above 0, at most 4096.</summary>
    public double Size { get; init; } = 48;

    /// <summary>Fill colour; its alpha is the text's opacity before the operation's opacity multiplies it.</summary>
    public RgbaColor Color { get; init; } = RgbaColor.White;

    /// <summary>Outline (border) width in pixels; 0 for none.</summary>
    public double Outline { get; init; }

    /// <summary>Outline colour.</summary>
    public RgbaColor OutlineColor { get; init; } = RgbaColor.Black;

    /// <summary>Shadow offset in pixels (down and right); 0 for none.</summary>
    public double Shadow { get; init; }

    /// <summary>Shadow colour.</summary>
    public RgbaColor ShadowColor { get; init; } = new(0, 0, 0, 160);

    /// <summary>Bold weight.</summary>
    public bool Bold { get; init; }

    /// <summary>
    /// Which point of the text the position names, laid out as a numeric keypad: 7 top-left (default), 8 top centre,
    /// 9 top-right, 4, 5 (centre) and 6 in the middle row, 1, 2 (bottom centre) and 3 at the bottom.
    /// </summary>
    public int Anchor { get; init; } = 7;
}
