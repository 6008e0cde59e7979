namespace Ovni.Animation;

/// <summary>
/// Shapes the progress of an animation segment: maps linear progress t ∈ [0, 1] to eased progress.
/// Every easing is a pure function of t (no state, no clock), so an animation evaluates to the same
/// value for the same timestamp on every run and every thread. Inputs outside [0, 1] are clamped.
/// </summary>
/// <remarks>
/// The "in" variants start slowly, the "out" variants end slowly, "in-out" do both. Back and elastic
/// overshoot: their output leaves [0, 1] in the middle but still starts at 0 and ends at 1.
/// </remarks>
public sealed class Easing
{
    private readonly Func<double, double> _function;

    private Easing(string name, Func<double, double> function)
    {
        Name = name;
        _function = function;
    }

    /// <summary>A readable name such as "cubic-in-out" or "cubic-bezier(0.25, 0.1, 0.25, 1)".</summary>
    public string Name { get; }

    /// <summary>Eased progress for linear progress <paramref name="t"/> (clamped to [0, 1]); exactly 0 at 0 and 1 at 1.</summary>
    public double Evaluate(double t)
    {
        if (double.IsNaN(t) || t <= 0) return 0;
        if (t >= 1) return 1;
        return _function(t);
    }

    /// <summary>Makes an easing from a function of t ∈ (0, 1); the ends are pinned to 0 and 1.</summary>
    public static Easing Custom(string name, Func<double, double> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new Easing(name, function);
    }

    /// <summary>Constant speed.</summary>
    public static Easing Linear { get; } = new("linear", t => t);

    /// <summary>t².</summary>
    public static Easing QuadIn { get; } = new("quad-in", t => t * t);
    /// <summary>Mirror of <see cref="QuadIn"/>.</summary>
    public static Easing QuadOut { get; } = new("quad-out", t => Out(t, u => u * u));
    /// <summary><see cref="QuadIn"/> then <see cref="QuadOut"/>.</summary>
    public static Easing QuadInOut { get; } = new("quad-in-out", t => InOut(t, u => u * u));

    /// <summary>t³.</summary>
    public static Easing CubicIn { get; } = new("cubic-in", t => t * t * t);
    /// <summary>Mirror of <see cref="CubicIn"/>.</summary>
    public static Easing CubicOut { get; } = new("cubic-out", t => Out(t, u => u * u * u));
    /// <summary><see cref="CubicIn"/> then <see cref="CubicOut"/>.</summary>
    public static Easing CubicInOut { get; } = new("cubic-in-out", t => InOut(t, u => u * u * u));

    /// <summary>t⁴.</summary>
    public static Easing QuartIn { get; } = new("quart-in", t => t * t * t * t);
    /// <summary>Mirror of <see cref="QuartIn"/>.</summary>
    public static Easing QuartOut { get; } = new("quart-out", t => Out(t, u => u * u * u * u));
    /// <summary><see cref="QuartIn"/> then <see cref="QuartOut"/>.</summary>
    public static Easing QuartInOut { get; } = new("quart-in-out", t => InOut(t, u => u * u * u * u));

    /// <summary>2^(10(t−1)), rescaled so it starts exactly at 0.</summary>
    public static Easing ExpoIn { get; } = new("expo-in", ExpoInCore);
    /// <summary>Mirror of <see cref="ExpoIn"/>.</summary>
    public static Easing ExpoOut { get; } = new("expo-out", t => Out(t, ExpoInCore));
    /// <summary><see cref="ExpoIn"/> then <see cref="ExpoOut"/>.</summary>
    public static Easing ExpoInOut { get; } = new("expo-in-out", t => InOut(t, ExpoInCore));

    /// <summary>1 − cos(tπ/2).</summary>
    public static Easing SineIn { get; } = new("sine-in", t => 1 - Math.Cos(t * Math.PI / 2));
    /// <summary>sin(tπ/2).</summary>
    public static Easing SineOut { get; } = new("sine-out", t => Math.Sin(t * Math.PI / 2));
    /// <summary>(1 − cos(tπ))/2.</summary>
    public static Easing SineInOut { get; } = new("sine-in-out", t => (1 - Math.Cos(t * Math.PI)) / 2);

    /// <summary>Pulls back a little before moving forward (overshoot 1.70158, the common default).</summary>
    public static Easing BackIn { get; } = Back(1.70158);
    /// <summary>Overshoots the target a little, then settles.</summary>
    public static Easing BackOut { get; } = new("back-out", t => Out(t, u => BackInCore(u, 1.70158)));
    /// <summary>Pulls back at the start and overshoots at the end.</summary>
    public static Easing BackInOut { get; } = new("back-in-out", t => InOut(t, u => BackInCore(u, 1.70158 * 1.525)));

    /// <summary>Winds up with growing oscillations (period 0.3).</summary>
    public static Easing ElasticIn { get; } = new("elastic-in", ElasticInCore);
    /// <summary>Overshoots and rings down like a plucked string (period 0.3).</summary>
    public static Easing ElasticOut { get; } = new("elastic-out", t => Out(t, ElasticInCore));
    /// <summary><see cref="ElasticIn"/> then <see cref="ElasticOut"/>.</summary>
    public static Easing ElasticInOut { get; } = new("elastic-in-out", t => InOut(t, ElasticInCore));

    /// <summary>Back-in with a chosen overshoot amount (0 = cubic-in).</summary>
    public static Easing Back(double overshoot) => new($"back-in({overshoot})", t => BackInCore(t, overshoot));

    /// <summary>
    /// A damped spring released from 0 towards 1: 1 − e^(−ζωt)(cos ωd t + ζω/ωd · sin ωd t) with ωd = ω√(1−ζ²),
    /// normalised so it ends exactly at 1. <paramref name="damping"/> ζ in (0, 1) (lower rings longer),
    /// <paramref name="frequency"/> ω in radians per unit of progress.
    /// </summary>
    public static Easing Spring(double damping = 0.5, double frequency = 20)
    {
        if (!(damping > 0 && damping < 1)) throw new ArgumentOutOfRangeException(nameof(damping), damping, "Damping must be in (0, 1) for an underdamped spring.");
        if (!(frequency > 0)) throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Frequency must be positive.");
        double dampedFrequency = frequency * Math.Sqrt(1 - damping * damping);
        double Raw(double t) => 1 - Math.Exp(-damping * frequency * t) *
            (Math.Cos(dampedFrequency * t) + damping * frequency / dampedFrequency * Math.Sin(dampedFrequency * t));
        double end = Raw(1);
        return new Easing($"spring({damping}, {frequency})", t => Raw(t) / end);
    }

    /// <summary>
    /// CSS's cubic-bezier(x1, y1, x2, y2): the curve from (0,0) to (1,1) with control points (x1,y1) and (x2,y2).
    /// For a given t the curve parameter s with x(s) = t is found numerically (Newton steps, bisection when
    /// Newton stalls), then y(s) is returned. x1 and x2 must lie in [0, 1] so x is monotonic.
    /// </summary>
    public static Easing CubicBezier(double x1, double y1, double x2, double y2)
    {
        if (x1 is < 0 or > 1 || double.IsNaN(x1)) throw new ArgumentOutOfRangeException(nameof(x1), x1, "x1 must be in [0, 1].");
        if (x2 is < 0 or > 1 || double.IsNaN(x2)) throw new ArgumentOutOfRangeException(nameof(x2), x2, "x2 must be in [0, 1].");
        if (!double.IsFinite(y1)) throw new ArgumentOutOfRangeException(nameof(y1));
        if (!double.IsFinite(y2)) throw new ArgumentOutOfRangeException(nameof(y2));
        var solver = new CubicBezierSolver(x1, y1, x2, y2);
        return new Easing(FormattableString.Invariant($"cubic-bezier({x1}, {y1}, {x2}, {y2})"), solver.Solve);
    }

    /// <summary>CSS "ease": cubic-bezier(0.25, 0.1, 0.25, 1).</summary>
    public static Easing Ease { get; } = CubicBezier(0.25, 0.1, 0.25, 1);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static double Out(double t, Func<double, double> easeIn) => 1 - easeIn(1 - t);

    private static double InOut(double t, Func<double, double> easeIn) =>
        t < 0.5 ? easeIn(2 * t) / 2 : 1 - easeIn(2 - 2 * t) / 2;

    // Plain 2^(10(t-1)) is 2^-10 at t = 0; rescaling keeps the endpoints exact and the curve monotonic.
    private static double ExpoInCore(double t)
    {
        const double floor = 1.0 / 1024;
        return (Math.Pow(2, 10 * (t - 1)) - floor) / (1 - floor);
    }

    private static double BackInCore(double t, double s) => t * t * ((s + 1) * t - s);

    private static double ElasticInCore(double t)
    {
        if (t <= 0) return 0;
        if (t >= 1) return 1;
        const double period = 0.3;
        return -Math.Pow(2, 10 * (t - 1)) * Math.Sin((t - 1 - period / 4) * (2 * Math.PI) / period);
    }
}
