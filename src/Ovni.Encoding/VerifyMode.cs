namespace Ovni.Encoding;

/// <summary>How the final file's VMAF is measured.</summary>
public enum VerifyMode
{
    /// <summary>Every frame against the source.</summary>
    Full,

    /// <summary>Densely sampled: 20 windows spread over the file, about 10 % of its frames.</summary>
    Sampled,

    /// <summary>Not measured (the search's prediction stands).</summary>
    None,
}
