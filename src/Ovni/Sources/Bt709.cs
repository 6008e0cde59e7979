namespace Ovni;

/// <summary>
/// sRGB → Y′CbCr with the BT.709 matrix (Kr = 0.2126, Kb = 0.0722), 8-bit limited range (Y 16–235,
/// C 16–240) or full range. Sources and the caption compositor share it so a colour means the same
/// thing wherever Ovni draws it; HD video is BT.709, so that is what Ovni tags the frames it makes.
/// </summary>
internal static class Bt709
{
    private const double Kr = 0.2126, Kb = 0.0722, Kg = 1 - Kr - Kb;

    internal static ColorInfo LimitedTags => new(ColorRange.Limited, 1, 1, 1);

    internal static ColorInfo FullTags => new(ColorRange.Full, 1, 1, 1);

    /// <summary>8-bit Y, Cb, Cr of an 8-bit RGB colour.</summary>
    internal static (byte Y, byte U, byte V) ToYuv(byte r, byte g, byte b, bool fullRange = false) =>
        ToYuv(r / 255.0, g / 255.0, b / 255.0, fullRange);

    /// <summary>8-bit Y, Cb, Cr of an RGB colour with components in [0, 1].</summary>
    internal static (byte Y, byte U, byte V) ToYuv(double r, double g, double b, bool fullRange = false)
    {
        double y = Kr * r + Kg * g + Kb * b;
        double cb = (b - y) / (2 * (1 - Kb));
        double cr = (r - y) / (2 * (1 - Kr));
        return fullRange
            ? (Quantise(255 * y), Quantise(128 + 255 * cb), Quantise(128 + 255 * cr))
            : (Quantise(16 + 219 * y), Quantise(128 + 224 * cb), Quantise(128 + 224 * cr));
    }

    private static byte Quantise(double value) => (byte)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, 255);
}
