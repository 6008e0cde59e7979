namespace Ovni.Benchmarks.Operations;

/// <summary>Bytes an operation must read plus write once per call, for the GB/s column (the memory-bound ceiling's yardstick).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MemoryTrafficAttribute(long bytes) : Attribute
{
    /// <summary>Bytes read plus bytes written per call.</summary>
    public long Bytes { get; } = bytes;
}
