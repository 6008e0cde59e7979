namespace Ovni.Quality;

/// <summary>Progress of a scoring run.</summary>
/// <param name="FramesDone">Frame pairs submitted so far.</param>
/// <param name="TotalFrames">Frame pairs to score, when known.</param>
public readonly record struct QualityProgress(int FramesDone, int? TotalFrames);
