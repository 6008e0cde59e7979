namespace Ovni.Captions;

/// <summary>
/// One rendered caption layer (a glyph run's fill, outline or shadow): a solid colour shaped by an
/// 8-bit coverage mask, placed at (<see cref="X"/>, <see cref="Y"/>) in the video frame. Layers are
/// listed back to front; draw them in order.
/// </summary>
internal sealed class CaptionBitmap
{
    private byte[]? _rgba;

    internal CaptionBitmap(int x, int y, int width, int height, byte[] coverage, RgbaColor color)
    {
        X = x;
        Y = y;
        Width = width;
        Height = height;
        Coverage = coverage;
        Color = color;
    }

    /// <summary>Left edge in video pixels.</summary>
    public int X { get; }

    /// <summary>Top edge in video pixels.</summary>
    public int Y { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The layer's colour; <see cref="RgbaColor.A"/> is its opacity (255 = opaque).</summary>
    public RgbaColor Color { get; }

    /// <summary>Coverage mask, <see cref="Width"/> bytes per row, 0 = untouched, 255 = fully covered.</summary>
    public ReadOnlyMemory<byte> Mask => Coverage;

    internal byte[] Coverage { get; }

    /// <summary>
    /// The layer as RGBA with straight alpha (alpha = coverage × opacity), <see cref="Width"/> × 4 bytes per row;
    /// made on first request, for callers that composite or upload RGBA themselves.
    /// </summary>
    public ReadOnlyMemory<byte> Rgba => _rgba ??= ToRgba();

    /// <summary>Combined alpha (coverage × opacity, rounded) of one mask value.</summary>
    internal static byte Alpha(byte coverage, byte opacity) => (byte)((coverage * opacity + 127) / 255);

    private byte[] ToRgba()
    {
        var rgba = new byte[Width * Height * 4];
        for (int i = 0; i < Coverage.Length; i++)
        {
            rgba[4 * i] = Color.R;
            rgba[4 * i + 1] = Color.G;
            rgba[4 * i + 2] = Color.B;
            rgba[4 * i + 3] = Alpha(Coverage[i], Color.A);
        }
        return rgba;
    }
}
