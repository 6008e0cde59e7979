namespace Ovni.Animation;

/// <summary>
/// Solves a CSS-style cubic Bézier timing curve: finds the curve parameter whose x equals the
/// requested progress, then returns that point's y. Kept separate from <see cref="Easing"/> because the
/// numeric method (Newton with a bisection fallback) is the part worth reading and testing on its own.
/// </summary>
internal sealed class CubicBezierSolver
{
    private const double Epsilon = 1e-12;

    // Polynomial coefficients of x(s) = ((ax s + bx) s + cx) s and the same for y.
    private readonly double _ax, _bx, _cx, _ay, _by, _cy;

    internal CubicBezierSolver(double x1, double y1, double x2, double y2)
    {
        _cx = 3 * x1;
        _bx = 3 * (x2 - x1) - _cx;
        _ax = 1 - _cx - _bx;
        _cy = 3 * y1;
        _by = 3 * (y2 - y1) - _cy;
        _ay = 1 - _cy - _by;
    }

    internal double X(double s) => ((_ax * s + _bx) * s + _cx) * s;

    internal double Y(double s) => ((_ay * s + _by) * s + _cy) * s;

    private double DerivativeX(double s) => (3 * _ax * s + 2 * _bx) * s + _cx;

    internal double Solve(double x) => Y(ParameterForX(x));

    /// <summary>The parameter s ∈ [0, 1] with X(s) = x (x is monotonic when both control x lie in [0, 1]).</summary>
    internal double ParameterForX(double x)
    {
        double s = x;
        for (int i = 0; i < 8; i++)
        {
            double error = X(s) - x;
            if (Math.Abs(error) < Epsilon) return s;
            double slope = DerivativeX(s);
            if (Math.Abs(slope) < 1e-9) break;
            s -= error / slope;
            if (s is < 0 or > 1) break;
        }

        double low = 0, high = 1;
        s = x;
        for (int i = 0; i < 100; i++)
        {
            double value = X(s);
            if (Math.Abs(value - x) < Epsilon) return s;
            if (value < x) low = s; else high = s;
            s = (low + high) / 2;
        }
        return s;
    }
}
