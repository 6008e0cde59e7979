namespace Ovni.Animation;

/// <summary>
/// An operation parameter that is either a constant or keyframed, so every op can take animated
/// parameters without two overloads: a plain value converts implicitly, and so does a <see cref="Keyframes{T}"/>.
/// </summary>
/// <typeparam name="T">The parameter type.</typeparam>
public readonly struct Animated<T>
{
    private readonly T _constant;
    private readonly Keyframes<T>? _keyframes;

    /// <summary>A parameter that always has <paramref name="value"/>.</summary>
    public Animated(T value)
    {
        _constant = value;
        _keyframes = null;
    }

    /// <summary>A parameter that follows <paramref name="keyframes"/>.</summary>
    public Animated(Keyframes<T> keyframes)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        if (keyframes.Count == 0) throw new ArgumentException("An animated parameter needs at least one keyframe.", nameof(keyframes));
        _constant = default!;
        _keyframes = keyframes;
    }

    /// <summary>True when the value changes over time.</summary>
    public bool IsAnimated => _keyframes is not null;

    /// <summary>The keyframes, or null for a constant.</summary>
    public Keyframes<T>? Keyframes => _keyframes;

    /// <summary>The value at <paramref name="time"/>.</summary>
    public T ValueAt(TimeSpan time) => _keyframes is null ? _constant : _keyframes.ValueAt(time);

    /// <summary>A constant parameter.</summary>
    public static implicit operator Animated<T>(T value) => new(value);

    /// <summary>A keyframed parameter.</summary>
    public static implicit operator Animated<T>(Keyframes<T> keyframes) => new(keyframes);

    /// <inheritdoc />
    public override string ToString() => _keyframes is null ? $"{_constant}" : $"{_keyframes.Count} keyframes";
}
