namespace Ovni.Encoding;

/// <summary>
/// Where scenes start: the seam between chunk planning and scene detection. The planner asks for the frame indices
/// (in presentation order) at which a new scene begins; it then merges scenes that are too short and splits the long ones.
/// </summary>
public interface ICutPointSource
{
    /// <summary>A short description stored in the plan (so a plan made with other cuts is not reused).</summary>
    string Description { get; }

    /// <summary>Frame indices where a scene begins (0 may be included; order and duplicates do not matter).</summary>
    /// <param name="source">The source file.</param>
    /// <param name="timeline">Its video timeline.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    Task<IReadOnlyList<int>> FindCutsAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken);
}
