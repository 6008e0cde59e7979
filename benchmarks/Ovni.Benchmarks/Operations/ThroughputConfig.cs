using BenchmarkDotNet.Configs;

namespace Ovni.Benchmarks.Operations;

/// <summary>Adds the frames/s and GB/s columns.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>The default columns plus throughput.</summary>
    public ThroughputConfig() => AddColumn(new ThroughputColumn(bandwidth: false), new ThroughputColumn(bandwidth: true));
}
