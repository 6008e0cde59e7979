using Ovni.Kernels;
using Ovni.Operations;

namespace Ovni;

/// <summary>
/// The BT.709 colour tags and code values of the frames Ovni makes itself (sources, caption layers): HD video is
/// BT.709, so that is what they are tagged. The conversion is <see cref="Operations.FrameColors"/>'s, the one fills, fades
/// and keys use, so a colour means the same thing wherever Ovni draws it.
/// </summary>
internal static class Bt709
{
    internal static ColorInfo LimitedTags => new(ColorRange.Limited, 1, 1, 1);

    internal static ColorInfo FullTags => new(ColorRange.Full, 1, 1, 1);

    /// <summary>8-bit Y, Cb, Cr of an 8-bit RGB colour.</summary>
    internal static (byte Y, byte U, byte V) ToYuv(byte r, byte g, byte b, bool fullRange = false) =>
        ToYuv(r / 255.0, g / 255.0, b / 255.0, fullRange);

    /// <summary>8-bit Y, Cb, Cr of an RGB colour with components in [0, 1].</summary>
    internal static (byte Y, byte U, byte V) ToYuv(double r, double g, double b, bool fullRange = false)
    {
        (int y, int u, int v) = Operations.FrameColors.FromUnitRgb(r, g, b, ColorMatrix.Bt709, fullRange ? YuvRange.Full : YuvRange.Limited);
        return ((byte)y, (byte)u, (byte)v);
    }
}
