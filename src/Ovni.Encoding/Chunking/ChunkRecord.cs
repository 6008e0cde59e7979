namespace Ovni.Encoding;

/// <summary>A finished chunk as the done-log records it.</summary>
/// <param name="Chunk">Chunk index.</param>
/// <param name="File">File name in the work folder.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the file, hex.</param>
/// <param name="Frames">Video frames in it.</param>
/// <param name="EncodeSeconds">Wall time its encode took.</param>
/// <param name="Settings">The settings it was encoded with, in words (e.g. the CRF a per-chunk search chose).</param>
public sealed record ChunkRecord(int Chunk, string File, long Size, string Sha256, int Frames, double EncodeSeconds, string? Settings = null);
