namespace Ovni.Scenes;

/// <summary>How one scene turns into the next.</summary>
public enum SceneCutKind
{
    /// <summary>A hard cut: the new scene starts on this frame.</summary>
    Cut,

    /// <summary>A fade through black: the boundary is placed in the middle of the darkest frames.</summary>
    Fade,
}
