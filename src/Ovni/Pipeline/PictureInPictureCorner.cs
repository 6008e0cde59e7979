namespace Ovni;

/// <summary>Where <see cref="StreamOperations.PictureInPicture"/> places the inset.</summary>
public enum PictureInPictureCorner
{
    /// <summary>Top-left corner.</summary>
    TopLeft,
    /// <summary>Top-right corner.</summary>
    TopRight,
    /// <summary>Bottom-left corner.</summary>
    BottomLeft,
    /// <summary>Bottom-right corner.</summary>
    BottomRight,
}
