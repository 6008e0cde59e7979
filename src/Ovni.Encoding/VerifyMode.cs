namespace Ovni.Encoding;

/// <summary>How the final file's VMAF is measured.</summary>
public enum VerifyMode
{
    /// <summary>Every frame against the source.</summary>
    Full,

    /// <summary>Sampled: up to 24 windows, one centred in each stretch of equal length, about 8 % of the frames (windows at key frames would score high: the encoder spends more after a key frame).</summary>
    Sampled,

    /// <summary>Not measured (the search's prediction stands).</summary>
    None,
}
