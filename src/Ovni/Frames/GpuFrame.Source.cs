// Why: the writer lays the copied audio under the video by where each frame came from. Operations re-time frames freely
// (Trim starts at zero, Concat and CrossFadeInto shift, ChangeFrameRate repeats), so the frame itself remembers the file
// it was decoded from and its time there; every copy of a frame (Share, operations, conversions, transfers) keeps it.
namespace Ovni;

public sealed partial class GpuFrame
{
    /// <summary>Full path of the file this picture was decoded from; null for generated frames.</summary>
    internal string? SourcePath { get; set; }

    /// <summary>The picture's time in <see cref="SourcePath"/> (container time, TimeSpan ticks).</summary>
    internal long SourceTicks { get; set; }

    /// <summary>How long the picture shows in <see cref="SourcePath"/> (TimeSpan ticks), 0 when unknown.</summary>
    internal long SourceDurationTicks { get; set; }

    private void CopySourceFrom(GpuFrame source)
    {
        SourcePath = source.SourcePath;
        SourceTicks = source.SourceTicks;
        SourceDurationTicks = source.SourceDurationTicks;
    }
}
