namespace Ovni.Quality;

/// <summary>How the frames of two files are paired for scoring.</summary>
public enum FrameAlignment
{
    /// <summary>
    /// By presentation time, as FFmpeg's libvmaf filter pairs them when the distorted file is its first input: each distorted
    /// frame is scored against the reference frame shown at its timestamp (the latest reference frame whose time is at most
    /// half a reference frame after it). Repeated, dropped and unmatched frames are counted in <see cref="AlignmentReport"/>.
    /// </summary>
    Time,

    /// <summary>In decode order, the n-th frame with the n-th frame (raw inputs, or files whose timestamps cannot be trusted).</summary>
    Index,

    /// <summary>By presentation time after re-basing both streams to start at 0 (what <c>setpts=PTS-STARTPTS</c> does).</summary>
    Start,
}
