namespace Ovni.Encoding;

/// <summary>The cut source a chunked encode uses when the caller names none.</summary>
internal static class DefaultCutPoints
{
    internal static ICutPointSource Create() => new SceneDetectorCutPoints();
}
