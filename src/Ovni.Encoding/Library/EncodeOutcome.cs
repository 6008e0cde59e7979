namespace Ovni.Encoding.Library;

/// <summary>What one encode produced: frames, wall time, streams the container could not take.</summary>
internal sealed record EncodeOutcome(long Frames, TimeSpan Elapsed, IReadOnlyList<string> SkippedStreams);
