namespace Ovni.Encoding;

/// <summary>What an <see cref="ICutPointSource"/> found: where scenes begin and, if it measured it, how much changes at each frame.</summary>
/// <param name="Frames">Frame indices where a scene begins (0 may be included; order and duplicates do not matter).</param>
/// <param name="Activity">
/// One value per frame, higher where more changes (e.g. a scene detector's frame difference); the planner splits long
/// scenes at the calmest frame within reach. Null lets the planner measure it from the source's packet sizes.
/// </param>
public sealed record SceneStarts(IReadOnlyList<int> Frames, IReadOnlyList<double>? Activity = null);
