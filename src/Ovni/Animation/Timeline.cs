namespace Ovni.Animation;

/// <summary>
/// A named set of animated properties evaluated together at a frame's timestamp, so an op (or a whole
/// scene) reads one consistent snapshot per frame. Evaluation is a pure function of time: the same
/// timestamp gives the same snapshot on every run, whatever thread or order frames are evaluated in.
/// Add properties first, then evaluate; adding while other threads evaluate is not supported.
/// </summary>
/// <example><code>
/// var timeline = new Timeline();
/// AnimatedProperty&lt;float&gt; opacity = timeline.Add("opacity", new Keyframes&lt;float&gt;().Add(TimeSpan.Zero, 0f).Add(TimeSpan.FromSeconds(1), 1f));
/// TimelineSnapshot now = timeline.Evaluate(frame.Timestamp);
/// float o = now.Get(opacity);
/// </code></example>
internal sealed class Timeline
{
    private readonly List<IAnimatedProperty> _properties = new();
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    /// <summary>The properties, in the order they were added.</summary>
    public IReadOnlyList<IAnimatedProperty> Properties => _properties;

    /// <summary>Time of the last keyframe of any property (zero when nothing is animated).</summary>
    public TimeSpan Duration => _properties.Count == 0 ? TimeSpan.Zero : _properties.Max(p => p.End);

    /// <summary>Adds a property under a unique name and returns its typed handle.</summary>
    public AnimatedProperty<T> Add<T>(string name, OperationValue<T> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_byName.ContainsKey(name)) throw new ArgumentException($"The timeline already has a property named '{name}'.", nameof(name));
        var property = new AnimatedProperty<T>(name, _properties.Count, value);
        _byName.Add(name, property.Slot);
        _properties.Add(property);
        return property;
    }

    /// <summary>Evaluates every property at <paramref name="time"/>.</summary>
    public TimelineSnapshot Evaluate(TimeSpan time)
    {
        var values = new object?[_properties.Count];
        for (int i = 0; i < values.Length; i++) values[i] = _properties[i].ValueAtBoxed(time);
        return new TimelineSnapshot(time, values, _byName);
    }
}
