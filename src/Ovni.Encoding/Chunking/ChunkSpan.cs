namespace Ovni.Encoding;

/// <summary>One chunk of a plan: frames [<see cref="StartFrame"/>, <see cref="StartFrame"/> + <see cref="FrameCount"/>) of the source.</summary>
/// <param name="Index">Position in the output (0-based).</param>
/// <param name="StartFrame">First frame (presentation order).</param>
/// <param name="FrameCount">Frames in the chunk.</param>
/// <param name="StartPts">Timestamp of the first frame, in the plan's time base.</param>
/// <param name="LastPts">Timestamp of the last frame, in the plan's time base.</param>
public sealed record ChunkSpan(int Index, int StartFrame, int FrameCount, long StartPts, long LastPts)
{
    /// <summary>One past the last frame.</summary>
    public int EndFrame => StartFrame + FrameCount;

    /// <summary>File name of the chunk's encode inside the work folder.</summary>
    public string FileName => $"chunk-{Index:D5}.mkv";
}
