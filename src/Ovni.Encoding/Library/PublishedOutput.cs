namespace Ovni.Encoding.Library;

/// <summary>
/// An output as published: its path, size and mtime (so rescans recognise it), the source it came from, and — when it
/// took the source's name — the new size and mtime the job's row must carry so the file is not seen as changed.
/// </summary>
internal sealed record PublishedOutput(string Path, long Size, long Mtime, string SourcePath, long? NewSourceSize = null, long? NewSourceMtime = null);
