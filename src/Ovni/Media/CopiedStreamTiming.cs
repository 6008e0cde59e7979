namespace Ovni;

/// <summary>Where the streams copied from <see cref="MediaWriterOptions.CopyStreamsFrom"/> are placed on the output's timeline.</summary>
public enum CopiedStreamTiming
{
    /// <summary>
    /// The streams follow the video frames decoded from that file: each stretch of the output plays the file's audio and
    /// subtitles from the time its frames came from (so a trim, a re-timed start at zero, a cut or a concatenation of that
    /// file carries its sound along); stretches of other frames (generated, other files) have none. Cut to the video's end.
    /// </summary>
    FollowVideo,

    /// <summary>
    /// The file's own timestamps are kept (a soundtrack made for this video, or generated frames), cut to the video's time range.
    /// </summary>
    SourceTimestamps,
}
