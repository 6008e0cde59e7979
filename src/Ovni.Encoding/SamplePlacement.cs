namespace Ovni.Encoding;

/// <summary>Where the search takes its samples from.</summary>
public enum SamplePlacement
{
    /// <summary>Scenes when the detector finds more than one, else even intervals; the whole file when samples would cover most of it.</summary>
    Auto,

    /// <summary>One sample per distinct scene, longest and busiest first (scene detection runs first).</summary>
    Scenes,

    /// <summary>Even intervals, skipping the first and last 5 % (intro, credits).</summary>
    EvenIntervals,

    /// <summary>The whole file.</summary>
    WholeFile,
}
