using System.Globalization;

namespace Ovni;

/// <summary>
/// An 8-bit sRGB colour with straight (not premultiplied) alpha: 255 is opaque. Used by sources,
/// captions and animated colour parameters.
/// </summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
/// <param name="A">Alpha (255 = opaque).</param>
public readonly record struct RgbaColor(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque black.</summary>
    public static RgbaColor Black => new(0, 0, 0);

    /// <summary>Opaque white.</summary>
    public static RgbaColor White => new(255, 255, 255);

    /// <summary>Fully transparent black.</summary>
    public static RgbaColor Transparent => new(0, 0, 0, 0);

    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA" (the '#' is optional).</summary>
    public static RgbaColor Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> s = hex.AsSpan().TrimStart('#');
        if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB or #RRGGBBAA.");
        if (s.Length == 6) v = (v << 8) | 0xFF;
        return new RgbaColor((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <inheritdoc />
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}{A:X2}";
}
