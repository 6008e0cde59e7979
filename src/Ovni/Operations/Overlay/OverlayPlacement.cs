// Why: the definition of where and how strongly an overlay lands, resolved once per frame from the (possibly
// animated) real-valued parameters into the integers the kernels take, with the validation in one place.
namespace Ovni.Operations;

/// <summary>
/// An overlay's placement for one frame: integer top-left pixel plus a sub-pixel shift in 1/256 pixel (0..255), and
/// the global opacity in 1/256 (0..256).
/// </summary>
/// <param name="X">Frame column of the (shifted) overlay's left edge.</param>
/// <param name="Y">Frame row of its top edge.</param>
/// <param name="FractionX">Rightward shift in 1/256 pixel, 0..255.</param>
/// <param name="FractionY">Downward shift in 1/256 pixel, 0..255.</param>
/// <param name="Opacity">Global opacity, 0..256 (256 = opaque).</param>
public readonly record struct OverlayPlacement(int X, int Y, int FractionX, int FractionY, int Opacity)
{
    private const double MaxPosition = 1 << 24;

    /// <summary>True when the overlay sits on whole pixels (no shift pass needed).</summary>
    public bool IsWholePixel => FractionX == 0 && FractionY == 0;

    /// <summary>
    /// Resolves a real position: integer part = floor, fraction = round((p - floor p) x 256) half away from zero, a
    /// fraction of 256 moving to the next pixel; opacity = round(clamp(opacity, 0, 1) x 256), NaN counting as 0.
    /// </summary>
    /// <exception cref="FrameOperationException">A position is not finite or beyond ±2^24 pixels.</exception>
    public static OverlayPlacement Resolve(double x, double y, double opacity)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > MaxPosition || Math.Abs(y) > MaxPosition)
            throw new FrameOperationException($"Overlay: position ({x}, {y}) is not a usable number of pixels (finite, within ±{MaxPosition}).");
        Split(x, out int ix, out int fx);
        Split(y, out int iy, out int fy);
        int alpha = (int)Math.Round(Math.Clamp(double.IsFinite(opacity) ? opacity : 0, 0, 1) * 256, MidpointRounding.AwayFromZero);
        return new OverlayPlacement(ix, iy, fx, fy, alpha);
    }

    private static void Split(double position, out int whole, out int fraction)
    {
        double floor = Math.Floor(position);
        whole = (int)floor;
        fraction = (int)Math.Round((position - floor) * 256, MidpointRounding.AwayFromZero);
        if (fraction == 256)
        {
            whole++;
            fraction = 0;
        }
    }
}
