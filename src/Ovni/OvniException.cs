namespace Ovni;

/// <summary>
/// The one exception type callers need to catch from Ovni. The message says what was attempted,
/// on which file, and the native library's own error text (FFmpeg's <c>av_strerror</c>, CUDA's
/// <c>cuGetErrorString</c>) so the user can act on it without a debugger.
/// </summary>
public class OvniException : Exception
{
    /// <summary>Creates an exception with a message that names the operation and the input.</summary>
    public OvniException(string message) : base(message) { }

    /// <summary>Creates an exception that wraps the cause.</summary>
    public OvniException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The file the failed operation worked on, when there was one.</summary>
    public string? FilePath { get; init; }
}
