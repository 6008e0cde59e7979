namespace Ovni.Encoding;

/// <summary>
/// Where scenes start: the seam between chunk planning and scene detection. The planner asks for the frame indices
/// (in presentation order) at which a new scene begins (and, optionally, how much changes at each frame); it then merges scenes that are too short and splits the long ones.
/// </summary>
public interface ICutPointSource
{
    /// <summary>A short description stored in the plan (so a plan made with other cuts is not reused).</summary>
    string Description { get; }

    /// <summary>Where scenes begin in <paramref name="source"/>, and the per-frame activity where the source measures it.</summary>
    /// <param name="source">The source file.</param>
    /// <param name="timeline">Its video timeline.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    Task<SceneStarts> FindScenesAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken);
}
