namespace Ovni.Interop.FFmpeg;

/// <summary>Internal factory for exceptions that carry FFmpeg's error text and code.</summary>
internal static class FFmpegErrors
{
    /// <summary>Builds "&lt;what&gt; failed for '&lt;file&gt;': &lt;av_strerror&gt; (FFmpeg error N)[: last log line]".</summary>
    internal static FFmpegException Create(string operation, int error, string? filePath)
    {
        string text = AvError.Describe(error);
        string? log = FFmpegLog.TakeLastError();
        string where = filePath is null ? "" : $" for '{filePath}'";
        string message = $"{operation} failed{where}: {text} (FFmpeg error {error})" + (log is null ? "" : $". FFmpeg said: {log}");
        return new FFmpegException(message, error, text) { FilePath = filePath };
    }

    /// <summary>Throws when <paramref name="result"/> is negative.</summary>
    internal static int Check(int result, string operation, string? filePath = null) =>
        result < 0 ? throw Create(operation, result, filePath) : result;
}
