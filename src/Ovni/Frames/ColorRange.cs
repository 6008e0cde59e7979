namespace Ovni;

/// <summary>Sample range of a YUV signal (FFmpeg's AVColorRange values).</summary>
public enum ColorRange
{
    /// <summary>Not tagged.</summary>
    Unspecified = 0,
    /// <summary>"tv"/"mpeg": Y in 16–235, chroma in 16–240 (8-bit).</summary>
    Limited = 1,
    /// <summary>"pc"/"jpeg": the whole code range.</summary>
    Full = 2,
}
