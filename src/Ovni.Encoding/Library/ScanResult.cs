namespace Ovni.Encoding.Library;

/// <summary>What a scan found.</summary>
/// <param name="Seen">Media files found under the roots (after extension and glob filters).</param>
/// <param name="Added">New files queued.</param>
/// <param name="Changed">Files whose size or modification time changed (queued again).</param>
/// <param name="Missing">Queued files that are gone.</param>
/// <param name="Unchanged">Files already known and unchanged (not probed).</param>
/// <param name="Elapsed">Wall time of the scan.</param>
public sealed record ScanResult(int Seen, int Added, int Changed, int Missing, int Unchanged, TimeSpan Elapsed);
