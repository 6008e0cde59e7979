// Why: every operation parameter may be fixed or animated. One small struct carries a constant, a function of the
// frame's timestamp or keyframes (all three convert implicitly), so operations never care which, a constant costs no
// delegate call, and a timeline can still ask keyframes where they end.
using Ovni.Animation;

namespace Ovni;

/// <summary>
/// A parameter value that is a constant, a function of the frame's presentation time, or <see cref="Keyframes{T}"/>:
/// pass any of the three where an operation takes one.
/// </summary>
/// <typeparam name="T">The parameter's type.</typeparam>
public readonly struct OperationValue<T>
{
    private readonly T _constant;
    private readonly Func<TimeSpan, T>? _function;
    private readonly Keyframes<T>? _keyframes;

    /// <summary>A constant value.</summary>
    public OperationValue(T constant)
    {
        _constant = constant;
        _function = null;
        _keyframes = null;
    }

    /// <summary>A value evaluated at each frame's timestamp.</summary>
    public OperationValue(Func<TimeSpan, T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _constant = default!;
        _function = function;
        _keyframes = null;
    }

    /// <summary>The keyframes' value at each frame's timestamp.</summary>
    /// <exception cref="ArgumentException">The track has no keyframes.</exception>
    public OperationValue(Keyframes<T> keyframes)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        if (keyframes.Count == 0) throw new ArgumentException("An animated parameter needs at least one keyframe.", nameof(keyframes));
        _constant = default!;
        _function = keyframes.ValueAt;
        _keyframes = keyframes;
    }

    /// <summary>True when the value depends on time.</summary>
    public bool IsAnimated => _function is not null;

    /// <summary>Time of the last keyframe; zero for a constant or a function.</summary>
    internal TimeSpan End => _keyframes?.End ?? TimeSpan.Zero;

    /// <summary>The value at <paramref name="time"/>.</summary>
    public T At(TimeSpan time) => _function is null ? _constant : _function(time);

    /// <summary>The value at <paramref name="frame"/>'s presentation time (zero when it has no usable timestamp).</summary>
    internal T At(GpuFrame frame) => _function is null ? _constant : _function(frame.ParameterTime);

    /// <summary>A constant value.</summary>
    public static implicit operator OperationValue<T>(T constant) => new(constant);

    /// <summary>A value evaluated at each frame's timestamp.</summary>
    public static implicit operator OperationValue<T>(Func<TimeSpan, T> function) => new(function);

    /// <summary>An animated value: the keyframes' value at each frame's timestamp.</summary>
    public static implicit operator OperationValue<T>(Keyframes<T> keyframes) => new(keyframes);

    /// <inheritdoc />
    public override string ToString() => _keyframes is not null ? $"{_keyframes.Count} keyframes" : _function is not null ? "a function of time" : $"{_constant}";
}
