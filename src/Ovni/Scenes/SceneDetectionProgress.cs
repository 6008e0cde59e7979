namespace Ovni.Scenes;

/// <summary>Progress of scene detection.</summary>
/// <param name="Frames">Frames analysed so far.</param>
/// <param name="TotalFrames">Frames in the stream, when known (0 otherwise).</param>
public readonly record struct SceneDetectionProgress(long Frames, long TotalFrames);
