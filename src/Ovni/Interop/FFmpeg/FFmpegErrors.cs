namespace Ovni.Interop.FFmpeg;

/// <summary>Internal factory for exceptions that carry FFmpeg's error text and code.</summary>
internal static class FFmpegErrors
{
    /// <summary>
    /// Builds "'&lt;file&gt;': &lt;FFmpeg's log line&gt; (&lt;what&gt; failed: &lt;av_strerror&gt;, FFmpeg error N)": the file and
    /// FFmpeg's own explanation come first, because av_strerror's errno text ("Cannot allocate memory", "Device or
    /// resource busy") is often a generic code a component chose, while its log line names the real cause.
    /// </summary>
    internal static FFmpegException Create(string operation, int error, string? filePath)
    {
        string text = AvError.Describe(error);
        string? log = FFmpegLog.TakeLastError();
        string where = filePath is null ? "" : $"'{filePath}': ";
        string message = log is null
            ? $"{where}{operation} failed: {text} (FFmpeg error {error})."
            : $"{where}{log.TrimEnd('.')} ({char.ToLowerInvariant(operation[0])}{operation[1..]} failed: {text}, FFmpeg error {error}).";
        return new FFmpegException(message, error, text) { FilePath = filePath };
    }

    /// <summary>Throws when <paramref name="result"/> is negative.</summary>
    internal static int Check(int result, string operation, string? filePath = null) =>
        result < 0 ? throw Create(operation, result, filePath) : result;
}
