namespace Ovni.Animation;

/// <summary>A typed handle to one property of a <see cref="Timeline"/>; reads its value from a <see cref="TimelineSnapshot"/>.</summary>
/// <typeparam name="T">The property's value type.</typeparam>
internal sealed class AnimatedProperty<T> : IAnimatedProperty
{
    internal AnimatedProperty(string name, int slot, OperationValue<T> value)
    {
        Name = name;
        Slot = slot;
        Value = value;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The constant, function or keyframes behind the property.</summary>
    public OperationValue<T> Value { get; }

    internal int Slot { get; }

    /// <inheritdoc />
    public Type ValueType => typeof(T);

    /// <inheritdoc />
    public TimeSpan End => Value.End;

    /// <summary>The value at <paramref name="time"/>.</summary>
    public T ValueAt(TimeSpan time) => Value.At(time);

    /// <inheritdoc />
    public object? ValueAtBoxed(TimeSpan time) => ValueAt(time);
}
