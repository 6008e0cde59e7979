namespace Ovni;

/// <summary>One problem FFmpeg reported while demuxing or decoding an input.</summary>
/// <param name="Position">
/// Where in the video it happened, from the start of the stream: the packet being decoded when the decoder spoke
/// (with threaded decoding, within a few frames of the damaged one); null when unknown.
/// </param>
/// <param name="Message">FFmpeg's own words, prefixed by the component that said them ("h264: error while decoding MB 31 15").</param>
public readonly record struct DecodeError(TimeSpan? Position, string Message)
{
    /// <summary>"at 1.234 s: h264: …".</summary>
    public override string ToString() =>
        Position is TimeSpan at ? $"at {at.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s: {Message}" : Message;
}
