namespace Ovni;

/// <summary>How <see cref="FrameOperations.Fit"/> puts a picture of another shape into a canvas.</summary>
public enum FitMode
{
    /// <summary>The whole picture, scaled to fit inside and centred on a background colour (letterbox or pillarbox).</summary>
    Pad,
    /// <summary>The canvas filled: the picture scaled to cover it and its centre kept, the overhang cut off.</summary>
    Crop,
    /// <summary>The picture scaled to the canvas size, aspect ratio not kept.</summary>
    Stretch,
}
