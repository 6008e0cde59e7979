using System.Collections;

namespace Ovni.Animation;

/// <summary>
/// A keyframed parameter: values at moments, eased in between. Before the first keyframe the first
/// value holds, after the last the last value holds. Evaluation is a pure function of the timestamp:
/// keyframes are kept sorted and immutable once added, so any thread may evaluate any time in any order.
/// </summary>
/// <typeparam name="T">The animated value type (float, double, Vector2, <see cref="RgbaColor"/>, … or any type with an <see cref="IInterpolator{T}"/>).</typeparam>
/// <example><code>
/// var opacity = new Keyframes&lt;float&gt;()
///     .Add(TimeSpan.Zero, 0f, Easing.CubicOut)
///     .Add(TimeSpan.FromSeconds(1), 1f);
/// float half = opacity.ValueAt(TimeSpan.FromSeconds(0.5));
/// </code></example>
public sealed class Keyframes<T> : IReadOnlyList<Keyframe<T>>
{
    private readonly List<Keyframe<T>> _keyframes = new();
    private readonly IInterpolator<T> _interpolator;

    /// <summary>Creates an empty track using <paramref name="interpolator"/>, or the built-in one for <typeparamref name="T"/>.</summary>
    public Keyframes(IInterpolator<T>? interpolator = null) =>
        _interpolator = interpolator ?? Interpolators.Default<T>();

    /// <summary>Number of keyframes.</summary>
    public int Count => _keyframes.Count;

    /// <summary>The keyframe at <paramref name="index"/>, in time order.</summary>
    public Keyframe<T> this[int index] => _keyframes[index];

    /// <summary>Time of the last keyframe (zero when empty).</summary>
    public TimeSpan End => _keyframes.Count == 0 ? TimeSpan.Zero : _keyframes[^1].Time;

    /// <summary>Adds a keyframe, keeping time order; a keyframe at an existing time replaces it. Returns this track for chaining.</summary>
    public Keyframes<T> Add(TimeSpan time, T value, Easing? easing = null) => Add(new Keyframe<T>(time, value, easing));

    /// <summary>Adds a keyframe, keeping time order; a keyframe at an existing time replaces it.</summary>
    public Keyframes<T> Add(Keyframe<T> keyframe)
    {
        int index = FindLastAtOrBefore(keyframe.Time.Ticks);
        if (index >= 0 && _keyframes[index].Time == keyframe.Time) _keyframes[index] = keyframe;
        else _keyframes.Insert(index + 1, keyframe);
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
        Keyframe<T> from = _keyframes[index];
        Keyframe<T> to = _keyframes[index + 1];
        double progress = (double)(ticks - from.Time.Ticks) / (to.Time.Ticks - from.Time.Ticks);
        double eased = (from.Easing ?? Easing.Linear).Evaluate(progress);
        return _interpolator.Interpolate(from.Value, to.Value, eased);
    }

    /// <inheritdoc />
    public IEnumerator<Keyframe<T>> GetEnumerator() => _keyframes.GetEnumerator();

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
