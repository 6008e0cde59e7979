namespace Ovni.Scenes;

/// <summary>One scene: a run of frames between two boundaries.</summary>
/// <param name="Index">0-based position of the scene in the file.</param>
/// <param name="StartFrame">First frame (decode order, 0-based).</param>
/// <param name="FrameCount">Frames in the scene.</param>
/// <param name="Start">Presentation time of the first frame from the start of the stream.</param>
/// <param name="Duration">Time until the next scene (or the end of the stream).</param>
public readonly record struct Scene(int Index, long StartFrame, long FrameCount, TimeSpan Start, TimeSpan Duration)
{
    /// <summary>One past the last frame.</summary>
    public long EndFrame => StartFrame + FrameCount;

    /// <summary>Where the scene ends.</summary>
    public TimeSpan End => Start + Duration;
}
