// Why: the issue states its goals in frames/s and, for memory-bound ops, as a share of memcpy's bandwidth; these
// columns turn BenchmarkDotNet's mean time into both, from the bytes each benchmark declares it must move.
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ovni.Benchmarks.Operations;

/// <summary>frames/s (1 / mean) or GB/s (declared traffic / mean) of each benchmark.</summary>
public sealed class ThroughputColumn(bool bandwidth) : IColumn
{
    /// <inheritdoc />
    public string Id => bandwidth ? "Ovni.GBps" : "Ovni.Fps";

    /// <inheritdoc />
    public string ColumnName => bandwidth ? "GB/s" : "frames/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => bandwidth ? 1 : 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => bandwidth
        ? "Bytes the operation must read plus write once, divided by the mean time (1 GB = 1e9 B)"
        : "Calls per second: 1 / mean";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? ns = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (ns is not > 0) return "-";
        if (!bandwidth) return (1e9 / ns.Value).ToString("0.0", CultureInfo.InvariantCulture);
        long? bytes = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<MemoryTrafficAttribute>()?.Bytes;
        return bytes is > 0 ? (bytes.Value / ns.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
