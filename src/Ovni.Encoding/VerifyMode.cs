namespace Ovni.Encoding;

/// <summary>How the final file's VMAF is measured.</summary>
public enum VerifyMode
{
    /// <summary>Every frame against the source.</summary>
    Full,

    /// <summary>Sampled: up to 12 windows spread over the file, about 8 % of its frames, starting at key frames (no decoding thrown away).</summary>
    Sampled,

    /// <summary>Not measured (the search's prediction stands).</summary>
    None,
}
