using System.Collections;

namespace Ovni.Animation;

/// <summary>
/// A keyframed parameter: values at moments, eased in between. Before the first keyframe the first
/// value holds, after the last the last value holds. Evaluation is a pure function of the timestamp:
/// keyframes are kept sorted and immutable once added, so any thread may evaluate any time in any order.
/// </summary>
/// <typeparam name="T">The animated value type (float, double, int, Vector2/3/4, <see cref="RgbaColor"/>, … or any type, given a function that blends two values).</typeparam>
/// <example><code>
/// var opacity = new Keyframes&lt;float&gt;()
///     .Add(TimeSpan.Zero, 0f, Easing.CubicOut)
///     .Add(TimeSpan.FromSeconds(1), 1f);
/// float half = opacity.ValueAt(TimeSpan.FromSeconds(0.5));
/// </code></example>
public sealed class Keyframes<T> : IReadOnlyList<(TimeSpan Time, T Value, Easing? Easing)>
{
    private readonly List<(TimeSpan Time, T Value, Easing? Easing)> _keyframes = new();
    private readonly Func<T, T, double, T> _interpolate;

    /// <summary>Creates an empty track that blends values with <paramref name="interpolate"/>, or the built-in blend for <typeparamref name="T"/>.</summary>
    /// <param name="interpolate">
    /// The value a fraction t of the way from one value to the next, as (from, to, t) → value; t is eased progress and
    /// may leave [0, 1] for overshooting easings. Needed for types without a built-in blend.
    /// </param>
    /// <exception cref="NotSupportedException">No function is given and <typeparamref name="T"/> has no built-in blend.</exception>
    public Keyframes(Func<T, T, double, T>? interpolate = null) =>
        _interpolate = interpolate ?? Interpolators.Default<T>().Interpolate;

    /// <summary>Creates an empty track that blends values with <paramref name="interpolator"/>.</summary>
    internal Keyframes(IInterpolator<T> interpolator) => _interpolate = interpolator.Interpolate;

    /// <summary>Number of keyframes.</summary>
    public int Count => _keyframes.Count;

    /// <summary>The keyframe at <paramref name="index"/>, in time order.</summary>
    public (TimeSpan Time, T Value, Easing? Easing) this[int index] => _keyframes[index];

    /// <summary>Time of the last keyframe (zero when empty).</summary>
    public TimeSpan End => _keyframes.Count == 0 ? TimeSpan.Zero : _keyframes[^1].Time;

    /// <summary>
    /// Adds a keyframe, keeping time order; a keyframe at an existing time replaces it. Returns this track for chaining.
    /// </summary>
    /// <param name="time">When the parameter has exactly <paramref name="value"/>.</param>
    /// <param name="value">The value at <paramref name="time"/>.</param>
    /// <param name="easing">
    /// How the segment from this keyframe to the next progresses (the CSS convention; the last keyframe's easing is unused);
    /// linear when null.
    /// </param>
    public Keyframes<T> Add(TimeSpan time, T value, Easing? easing = null)
    {
        int index = FindLastAtOrBefore(time.Ticks);
        if (index >= 0 && _keyframes[index].Time == time) _keyframes[index] = (time, value, easing);
        else _keyframes.Insert(index + 1, (time, value, easing));
        return this;
    }

    /// <summary>The value at <paramref name="time"/>: held before the first and after the last keyframe, eased in between.</summary>
    /// <exception cref="InvalidOperationException">The track has no keyframes.</exception>
    public T ValueAt(TimeSpan time)
    {
        if (_keyframes.Count == 0) throw new InvalidOperationException("A keyframe track needs at least one keyframe to be evaluated.");
        long ticks = time.Ticks;
        int index = FindLastAtOrBefore(ticks);
        if (index < 0) return _keyframes[0].Value;
        if (index == _keyframes.Count - 1) return _keyframes[index].Value;
        (TimeSpan Time, T Value, Easing? Easing) from = _keyframes[index];
        (TimeSpan Time, T Value, Easing? Easing) to = _keyframes[index + 1];
        double progress = (double)(ticks - from.Time.Ticks) / (to.Time.Ticks - from.Time.Ticks);
        double eased = (from.Easing ?? Easing.Linear).Evaluate(progress);
        return _interpolate(from.Value, to.Value, eased);
    }

    /// <inheritdoc />
    public IEnumerator<(TimeSpan Time, T Value, Easing? Easing)> GetEnumerator() => _keyframes.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Binary search: index of the last keyframe with Time <= ticks, or -1.
    private int FindLastAtOrBefore(long ticks)
    {
        int low = 0, high = _keyframes.Count - 1, found = -1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (_keyframes[mid].Time.Ticks <= ticks)
            {
                found = mid;
                low = mid + 1;
            }
            else high = mid - 1;
        }
        return found;
    }
}
