namespace Ovni.Scenes;

/// <summary>A scene boundary: the first frame of the new scene.</summary>
/// <param name="Frame">Index (decode order, 0-based) of the first frame of the new scene.</param>
/// <param name="Time">Presentation time of that frame from the start of the stream.</param>
/// <param name="Kind">Hard cut or fade.</param>
/// <param name="Score">
/// For a cut, the luma difference to the frame before divided by the mean difference of the neighbouring frames (the
/// adaptive ratio); for a fade, the length of the dark stretch in frames.
/// </param>
public readonly record struct SceneCut(long Frame, TimeSpan Time, SceneCutKind Kind, double Score);
