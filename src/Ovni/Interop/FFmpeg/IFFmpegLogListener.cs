namespace Ovni.Interop.FFmpeg;

/// <summary>Hears the warning and error lines FFmpeg logs about one routed context (a reader's damage report listens).</summary>
internal interface IFFmpegLogListener
{
    /// <summary>A warning or error line (<paramref name="isError"/>), logged by the demuxer (<paramref name="fromDemuxer"/>) or the decoder.</summary>
    void OnLogLine(bool isError, bool fromDemuxer, string line);
}
