namespace Ovni.Encoding;

/// <summary>Where the search takes its samples from.</summary>
public enum SamplePlacement
{
    /// <summary>The source's key frames (read from the packets, no decoding); scenes from the detector when the key frames say little (one key frame, or intra-only), else even intervals; the whole file when samples would cover most of it.</summary>
    Auto,

    /// <summary>At the starts of typical scenes, one per stretch of equal length (scene detection decodes the file first); key frames when it finds one scene.</summary>
    Scenes,

    /// <summary>At the source's key frames, one per stretch of equal length, the group of pictures most typical of its stretch by bytes per frame (no decoding: the packets are read).</summary>
    KeyFrames,

    /// <summary>Even intervals, skipping the first and last 5 % (intro, credits).</summary>
    EvenIntervals,

    /// <summary>The whole file.</summary>
    WholeFile,
}
