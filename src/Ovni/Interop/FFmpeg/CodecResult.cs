// Why: libavcodec's send/receive calls and av_read_frame answer "not now" (EAGAIN) and "no more" (EOF) through
// their error codes. Those two are part of the protocol, not failures, so callers get them as results and every
// other negative code becomes an FFmpegException in one place.
namespace Ovni.Interop.FFmpeg;

/// <summary>How a libavcodec/libavformat send, receive or read call ended when it did not fail.</summary>
internal enum CodecResult
{
    /// <summary>The call did its work (a frame or packet was produced or accepted).</summary>
    Success,

    /// <summary>EAGAIN: the codec needs input before it can give output (or output must be taken before more input).</summary>
    Again,

    /// <summary>EOF: the codec is fully drained, or the container has no more packets.</summary>
    Eof,
}
