namespace Ovni.Encoding.Library;

/// <summary>
/// Thresholds that hold new work back (never stop running work, never crash): the queue waits and says why.
/// </summary>
public sealed record ResourceGuards
{
    /// <summary>No new file starts while the machine has less available memory than this (bytes). Default 1 GiB; 0 = off.</summary>
    public long MinAvailableMemoryBytes { get; init; } = 1L << 30;

    /// <summary>
    /// A file starts only when its destination has room for its projected output times this factor
    /// (the projection is the largest output the size rule would keep). Default 1.2; 0 = off.
    /// </summary>
    public double DiskHeadroom { get; init; } = 1.2;

    /// <summary>No new GPU encode starts while free VRAM is below this (bytes; CUDA only). Default 1 GiB; 0 = off.</summary>
    public long MinFreeVramBytes { get; init; } = 1L << 30;

    /// <summary>No new file starts while the 1-minute load average per core exceeds this (e.g. 0.9). Null = off (default).</summary>
    public double? MaxLoadPerCore { get; init; }
}
