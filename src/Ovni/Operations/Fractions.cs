// Why: parameters arrive as real numbers (and may be animated into NaN or infinity); the kernels take integer steps.
// The conversions are defined once so every operation rounds the same way.
namespace Ovni.Operations;

/// <summary>Real-valued operation parameters as the integers the kernels take.</summary>
internal static class Fractions
{
    /// <summary>round(clamp(value, 0, 1) x 256) half away from zero; a NaN or infinite value counts as 0.</summary>
    public static int Weight256(double value) =>
        (int)Math.Round(Math.Clamp(double.IsFinite(value) ? value : 0, 0, 1) * 256, MidpointRounding.AwayFromZero);

    /// <summary>The value, or 0 when it is NaN or infinite: an animated value gone astray means "no effect", not an exception mid-render.</summary>
    public static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
