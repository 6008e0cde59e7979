// Why: every operation parameter may be fixed or animated. One small struct carries either a constant or a
// function of the frame's timestamp (keyframes from the animation module convert implicitly), so the
// operations never care which, and a constant costs no delegate call.
using Ovni.Animation;

namespace Ovni.Operations;

/// <summary>A parameter value that is either constant or a function of the frame's presentation time.</summary>
/// <typeparam name="T">The parameter's type.</typeparam>
public readonly struct OperationValue<T>
{
    private readonly T _constant;
    private readonly Func<TimeSpan, T>? _function;

    /// <summary>A constant value.</summary>
    public OperationValue(T constant)
    {
        _constant = constant;
        _function = null;
    }

    /// <summary>A value evaluated at each frame's timestamp.</summary>
    public OperationValue(Func<TimeSpan, T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _constant = default!;
        _function = function;
    }

    /// <summary>True when the value depends on time.</summary>
    public bool IsAnimated => _function is not null;

    /// <summary>The value at <paramref name="time"/>.</summary>
    public T At(TimeSpan time) => _function is null ? _constant : _function(time);

    /// <summary>A constant value.</summary>
    public static implicit operator OperationValue<T>(T constant) => new(constant);

    /// <summary>A value evaluated at each frame's timestamp.</summary>
    public static implicit operator OperationValue<T>(Func<TimeSpan, T> function) => new(function);

    /// <summary>An animated value: the keyframes' value at each frame's timestamp.</summary>
    public static implicit operator OperationValue<T>(Keyframes<T> keyframes)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        return new(keyframes.ValueAt);
    }
}
