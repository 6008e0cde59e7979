namespace Ovni;

/// <summary>What <see cref="MediaConcatenator"/> wrote.</summary>
/// <param name="Output">The joined file.</param>
/// <param name="VideoFrames">Video frames (packets) in it.</param>
/// <param name="Segments">Segments joined.</param>
/// <param name="SkippedStreams">What of <see cref="ConcatenationOptions.StreamsFrom"/> the container could not hold (attachments, the display rotation).</param>
public sealed record ConcatenationResult(string Output, long VideoFrames, int Segments, IReadOnlyList<string> SkippedStreams);
