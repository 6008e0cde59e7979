namespace Ovni.Encoding.Library;

/// <summary>A media file found by a scan: where, under which root, its size and last write time (UTC ticks).</summary>
internal readonly record struct ScannedFile(string Path, string Root, long Size, long Mtime);
