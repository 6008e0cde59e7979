namespace Ovni.Encoding.Library;

/// <summary>Bit depth of the re-encoded video.</summary>
public enum OutputBitDepth
{
    /// <summary>The source's depth: 10-bit sources stay 10-bit (HDR needs it), 8-bit stay 8-bit.</summary>
    Source,
    /// <summary>8-bit 4:2:0.</summary>
    Eight,
    /// <summary>10-bit 4:2:0 (smaller banding, usually smaller files with x265 and SVT-AV1).</summary>
    Ten,
}
