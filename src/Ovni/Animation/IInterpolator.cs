namespace Ovni.Animation;

/// <summary>
/// Blends two values of <typeparamref name="T"/> for keyframe animation; <see cref="Interpolators"/> has the built-in
/// ones. Users give their own types a blend as a function (<see cref="Keyframes{T}(Func{T, T, double, T})"/>).
/// </summary>
/// <typeparam name="T">The animated value type.</typeparam>
internal interface IInterpolator<T>
{
    /// <summary>The value a fraction <paramref name="t"/> of the way from <paramref name="from"/> to <paramref name="to"/>.
    /// <paramref name="t"/> is eased progress and may leave [0, 1] for overshooting easings.</summary>
    T Interpolate(T from, T to, double t);
}
