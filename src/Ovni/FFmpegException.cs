namespace Ovni;

/// <summary>An FFmpeg call failed. <see cref="ErrorCode"/> and <see cref="NativeMessage"/> are FFmpeg's own.</summary>
internal sealed class FFmpegException : OvniException
{
    /// <summary>Creates the exception.</summary>
    public FFmpegException(string message, int errorCode, string nativeMessage) : base(message)
    {
        ErrorCode = errorCode;
        NativeMessage = nativeMessage;
    }

    /// <summary>FFmpeg's negative AVERROR code.</summary>
    public int ErrorCode { get; }

    /// <summary>av_strerror's text for <see cref="ErrorCode"/>.</summary>
    public string NativeMessage { get; }
}
