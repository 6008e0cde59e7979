namespace Ovni;

/// <summary>What a transcode produced.</summary>
/// <param name="Output">The file written.</param>
/// <param name="Frames">Video frames encoded.</param>
/// <param name="Elapsed">Wall-clock time of the whole job.</param>
/// <param name="SkippedStreams">Source streams the output container could not hold.</param>
public sealed record TranscodeResult(string Output, long Frames, TimeSpan Elapsed, IReadOnlyList<string> SkippedStreams)
{
    /// <summary>Frames per second over the whole job.</summary>
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;
}
