namespace Ovni;

/// <summary>
/// A 2-D affine transform of a frame's picture, in pixels with (0, 0) the top-left corner of the top-left pixel:
/// scale about the pivot, rotate about the pivot (degrees, clockwise on screen), then translate.
/// The pivot defaults to the frame's centre. Use <see cref="Identity"/> or the constructor, not <c>default</c> (whose scales are 0).
/// </summary>
/// <param name="ScaleX">Horizontal scale factor (1 = unchanged; negative mirrors).</param>
/// <param name="ScaleY">Vertical scale factor.</param>
/// <param name="RotationDegrees">Clockwise rotation.</param>
/// <param name="TranslateX">Shift right, in pixels, applied last.</param>
/// <param name="TranslateY">Shift down, in pixels, applied last.</param>
/// <param name="PivotX">Pivot x, or null for the frame's horizontal centre.</param>
/// <param name="PivotY">Pivot y, or null for the frame's vertical centre.</param>
public readonly record struct FrameTransform(double ScaleX = 1, double ScaleY = 1, double RotationDegrees = 0,
    double TranslateX = 0, double TranslateY = 0, double? PivotX = null, double? PivotY = null)
{
    /// <summary>The transform that changes nothing.</summary>
    public static FrameTransform Identity => new(ScaleX: 1, ScaleY: 1);

    /// <summary>A uniform zoom about the centre.</summary>
    public static FrameTransform Zoom(double scale) => new(scale, scale);

    /// <summary>A clockwise rotation about the centre.</summary>
    public static FrameTransform Rotate(double degrees) => new(RotationDegrees: degrees);

    /// <summary>A shift by (<paramref name="x"/>, <paramref name="y"/>) pixels.</summary>
    public static FrameTransform Translate(double x, double y) => new(TranslateX: x, TranslateY: y);

    /// <summary>True when the transform can be undone: finite values and non-zero scales.</summary>
    public bool IsInvertible => ScaleX != 0 && ScaleY != 0 && double.IsFinite(ScaleX) && double.IsFinite(ScaleY)
        && double.IsFinite(RotationDegrees) && double.IsFinite(TranslateX) && double.IsFinite(TranslateY)
        && (PivotX is null || double.IsFinite(PivotX.Value)) && (PivotY is null || double.IsFinite(PivotY.Value));

    /// <summary>
    /// The destination -> source map [a, b, c, d, e, f] ((x, y) -> (a x + b y + c, d x + e y + f)) for a
    /// <paramref name="width"/> x <paramref name="height"/> frame.
    /// </summary>
    /// <exception cref="OvniException">A scale of zero (or not finite) makes the transform non-invertible.</exception>
    internal void GetInverse(int width, int height, Span<double> inverse)
    {
        if (inverse.Length < 6) throw new ArgumentException("The map has six coefficients.", nameof(inverse));
        if (!IsInvertible)
            throw new FrameOperationException($"Transform {this} cannot be inverted: scales must be finite and non-zero.");
        (double sin, double cos) = SinCos(RotationDegrees);
        double cx = PivotX ?? width / 2.0, cy = PivotY ?? height / 2.0;
        // Forward: p' = R S (p - c) + c + t, so p = S^-1 R^-1 (p' - c - t) + c, with R^-1 = [cos sin; -sin cos].
        double a = cos / ScaleX, b = sin / ScaleX, d = -sin / ScaleY, e = cos / ScaleY;
        double ox = cx + TranslateX, oy = cy + TranslateY;
        inverse[0] = a;
        inverse[1] = b;
        inverse[2] = cx - (a * ox + b * oy);
        inverse[3] = d;
        inverse[4] = e;
        inverse[5] = cy - (d * ox + e * oy);
    }

    // Quarter turns are exact, so a 90 degree rotation moves pixel centres onto pixel centres.
    private static (double Sin, double Cos) SinCos(double degrees)
    {
        double turns = degrees / 90;
        if (turns == Math.Floor(turns))
        {
            return (((long)turns % 4 + 4) % 4) switch
            {
                0 => (0, 1),
                1 => (1, 0),
                2 => (0, -1),
                _ => (-1, 0),
            };
        }
        return Math.SinCos(degrees * Math.PI / 180);
    }
}
