namespace Ovni.Animation;

/// <summary>The untyped face of a <see cref="Timeline"/> property, for listing and evaluating properties of mixed types.</summary>
internal interface IAnimatedProperty
{
    /// <summary>The property's unique name in its timeline.</summary>
    string Name { get; }

    /// <summary>The property's value type.</summary>
    Type ValueType { get; }

    /// <summary>Time of the property's last keyframe (zero for a constant).</summary>
    TimeSpan End { get; }

    /// <summary>The value at <paramref name="time"/>, boxed.</summary>
    object? ValueAtBoxed(TimeSpan time);
}
