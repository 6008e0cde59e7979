namespace Ovni.Encoding;

/// <summary>The cut source a chunked encode uses when the caller names none.</summary>
internal static class DefaultCutPoints
{
    // OVNI_SCENES_AND_TARGET_QUALITY is set (Directory.Build.props, OvniScenesAndTargetQuality=true) once this branch is
    // merged with the one that brings Ovni.Scenes.SceneDetector and TargetQualitySearch (issue 13).
#if OVNI_SCENES_AND_TARGET_QUALITY
    internal static ICutPointSource Create() => new SceneDetectorCutPoints();
#else
    internal static ICutPointSource Create() => new KeyFrameCutPoints();
#endif
}
