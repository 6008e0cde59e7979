namespace Ovni.Encoding;

/// <summary>Where the search takes its samples from.</summary>
public enum SamplePlacement
{
    /// <summary><see cref="Systematic"/>; the whole file when samples would cover most of it.</summary>
    Auto,

    /// <summary>At the starts of typical scenes, one per stretch of equal length (scene detection decodes the file first); key frames when it finds one scene.</summary>
    Scenes,

    /// <summary>At the source's key frames, one per stretch of equal length, the group of pictures most typical of its stretch by bytes per frame (no decoding: the packets are read).</summary>
    KeyFrames,

    /// <summary>Even intervals, skipping the first and last 5 % (intro, credits).</summary>
    EvenIntervals,

    /// <summary>The whole file.</summary>
    WholeFile,

    /// <summary>
    /// Many short samples, one in the middle of each of N stretches of equal length over the whole file, blind to scenes and key
    /// frames, so every frame is as likely to be sampled as any other and the mean of the samples is an unbiased estimate of the
    /// file's; each is encoded with frames before and after it that are not scored, so its scored frames sit mid-stream as in the
    /// full encode. (Samples at key frames or scene starts score above the file: the full encode spends more there.)
    /// </summary>
    Systematic,
}
