using System.Numerics;

namespace Ovni.Animation;

/// <summary>
/// The interpolators Ovni knows for common parameter types, so <c>new Keyframes&lt;float&gt;()</c> works
/// without naming one. Arithmetic is done in double and rounded once, so results do not depend on
/// the order frames are evaluated in.
/// </summary>
internal static class Interpolators
{
    /// <summary>Interpolator for <typeparamref name="T"/>: float, double, int, Vector2, Vector3, Vector4, <see cref="RgbaColor"/>.</summary>
    /// <exception cref="NotSupportedException">No built-in interpolator exists for the type.</exception>
    public static IInterpolator<T> Default<T>()
    {
        object interpolator = typeof(T) switch
        {
            var t when t == typeof(double) => DoubleInterpolator.Instance,
            var t when t == typeof(float) => FloatInterpolator.Instance,
            var t when t == typeof(int) => IntInterpolator.Instance,
            var t when t == typeof(Vector2) => Vector2Interpolator.Instance,
            var t when t == typeof(Vector3) => Vector3Interpolator.Instance,
            var t when t == typeof(Vector4) => Vector4Interpolator.Instance,
            var t when t == typeof(RgbaColor) => RgbaColorInterpolator.Instance,
            _ => throw new NotSupportedException($"No built-in blend for {typeof(T).Name}; pass new Keyframes<{typeof(T).Name}>((from, to, t) => ...)."),
        };
        return (IInterpolator<T>)interpolator;
    }

    private sealed class DoubleInterpolator : IInterpolator<double>
    {
        internal static readonly DoubleInterpolator Instance = new();
        public double Interpolate(double from, double to, double t) => from + (to - from) * t;
    }

    private sealed class FloatInterpolator : IInterpolator<float>
    {
        internal static readonly FloatInterpolator Instance = new();
        public float Interpolate(float from, float to, double t) => (float)(from + ((double)to - from) * t);
    }

    private sealed class IntInterpolator : IInterpolator<int>
    {
        internal static readonly IntInterpolator Instance = new();
        public int Interpolate(int from, int to, double t) => (int)Math.Round(from + ((double)to - from) * t, MidpointRounding.AwayFromZero);
    }

    private sealed class Vector2Interpolator : IInterpolator<Vector2>
    {
        internal static readonly Vector2Interpolator Instance = new();
        public Vector2 Interpolate(Vector2 from, Vector2 to, double t) =>
            new(FloatInterpolator.Instance.Interpolate(from.X, to.X, t), FloatInterpolator.Instance.Interpolate(from.Y, to.Y, t));
    }

    private sealed class Vector3Interpolator : IInterpolator<Vector3>
    {
        internal static readonly Vector3Interpolator Instance = new();
        public Vector3 Interpolate(Vector3 from, Vector3 to, double t) =>
            new(FloatInterpolator.Instance.Interpolate(from.X, to.X, t), FloatInterpolator.Instance.Interpolate(from.Y, to.Y, t),
                FloatInterpolator.Instance.Interpolate(from.Z, to.Z, t));
    }

    private sealed class Vector4Interpolator : IInterpolator<Vector4>
    {
        internal static readonly Vector4Interpolator Instance = new();
        public Vector4 Interpolate(Vector4 from, Vector4 to, double t) =>
            new(FloatInterpolator.Instance.Interpolate(from.X, to.X, t), FloatInterpolator.Instance.Interpolate(from.Y, to.Y, t),
                FloatInterpolator.Instance.Interpolate(from.Z, to.Z, t), FloatInterpolator.Instance.Interpolate(from.W, to.W, t));
    }

    private sealed class RgbaColorInterpolator : IInterpolator<RgbaColor>
    {
        internal static readonly RgbaColorInterpolator Instance = new();

        public RgbaColor Interpolate(RgbaColor from, RgbaColor to, double t) =>
            new(Channel(from.R, to.R, t), Channel(from.G, to.G, t), Channel(from.B, to.B, t), Channel(from.A, to.A, t));

        private static byte Channel(byte from, byte to, double t) =>
            (byte)Math.Clamp(Math.Round(from + (to - from) * t, MidpointRounding.AwayFromZero), 0, 255);
    }
}
