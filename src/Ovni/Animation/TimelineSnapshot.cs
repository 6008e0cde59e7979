namespace Ovni.Animation;

/// <summary>Every property of a <see cref="Timeline"/> evaluated at one moment; immutable, safe to share between threads.</summary>
internal sealed class TimelineSnapshot
{
    private readonly object?[] _values;
    private readonly IReadOnlyDictionary<string, int> _byName;

    internal TimelineSnapshot(TimeSpan time, object?[] values, IReadOnlyDictionary<string, int> byName)
    {
        Time = time;
        _values = values;
        _byName = byName;
    }

    /// <summary>The moment the snapshot was taken at.</summary>
    public TimeSpan Time { get; }

    /// <summary>The value of <paramref name="property"/> at <see cref="Time"/>.</summary>
    public T Get<T>(AnimatedProperty<T> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if ((uint)property.Slot >= (uint)_values.Length || _values[property.Slot] is not T && _values[property.Slot] is not null)
            throw new ArgumentException($"Property '{property.Name}' does not belong to this snapshot's timeline.", nameof(property));
        return (T)_values[property.Slot]!;
    }

    /// <summary>The value of the property named <paramref name="name"/> at <see cref="Time"/>.</summary>
    public T Get<T>(string name)
    {
        if (!_byName.TryGetValue(name, out int slot)) throw new KeyNotFoundException($"The timeline has no property named '{name}'.");
        return _values[slot] is T value ? value : throw new InvalidCastException($"Property '{name}' is {_values[slot]?.GetType().Name ?? "null"}, not {typeof(T).Name}.");
    }
}
