namespace Ovni.Encoding.Library;

/// <summary>An encode stopped early because its projected (or final) size breaks the minimum-saving rule.</summary>
internal sealed class SizeLimitExceededException(long projected, long limit, bool early)
    : Exception($"{(early ? "projected" : "final")} size {FileFilter.Bytes(projected)} exceeds the limit {FileFilter.Bytes(limit)}")
{
    internal long Projected { get; } = projected;
    internal long Limit { get; } = limit;
    internal bool Early { get; } = early;
}
