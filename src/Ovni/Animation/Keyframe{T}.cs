namespace Ovni.Animation;

/// <summary>
/// A value an animated parameter takes at a moment. Its <see cref="Easing"/> shapes the segment that
/// starts at this keyframe and runs to the next one (the CSS convention); the last keyframe's easing is unused.
/// </summary>
/// <typeparam name="T">The animated value type.</typeparam>
/// <param name="Time">When the parameter has exactly <paramref name="Value"/>.</param>
/// <param name="Value">The value at <paramref name="Time"/>.</param>
/// <param name="Easing">How the segment to the next keyframe progresses; linear when null.</param>
public readonly record struct Keyframe<T>(TimeSpan Time, T Value, Easing? Easing = null);
