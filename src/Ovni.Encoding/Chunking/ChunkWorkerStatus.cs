namespace Ovni.Encoding;

/// <summary>What one worker is encoding.</summary>
/// <param name="Worker">Worker number (0-based).</param>
/// <param name="Chunk">The chunk it encodes, or null when idle.</param>
/// <param name="FramesDone">Frames of that chunk encoded.</param>
/// <param name="FramesTotal">Frames in that chunk.</param>
/// <param name="FramesPerSecond">Its speed on that chunk.</param>
public sealed record ChunkWorkerStatus(int Worker, int? Chunk, long FramesDone, int FramesTotal, double FramesPerSecond);
