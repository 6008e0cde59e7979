namespace Ovni;

/// <summary>Placement and size of a picture-in-picture inset.</summary>
public sealed record PictureInPictureOptions
{
    /// <summary>The corner the inset sits in.</summary>
    public PictureInPictureCorner Corner { get; init; } = PictureInPictureCorner.BottomRight;

    /// <summary>Inset width as a fraction of the main picture's width (its height follows the inset's aspect ratio).</summary>
    public double Scale { get; init; } = 0.25;

    /// <summary>Distance from the corner's two edges, in main-picture pixels.</summary>
    public int Margin { get; init; } = 16;
}
