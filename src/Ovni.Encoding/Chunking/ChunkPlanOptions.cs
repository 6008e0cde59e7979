namespace Ovni.Encoding;

/// <summary>How long chunks may be.</summary>
public sealed record ChunkPlanOptions
{
    /// <summary>Shortest chunk in seconds; a shorter scene joins its neighbour. Default 1 s.</summary>
    public double MinSeconds { get; init; } = 1.0;

    /// <summary>Longest chunk in seconds; a longer scene is split, preferably at a low-motion frame. Default 10 s.</summary>
    public double MaxSeconds { get; init; } = 10.0;

    /// <exception cref="OvniException">The lengths are not positive or the minimum exceeds half the maximum.</exception>
    internal void Validate()
    {
        if (!(MinSeconds > 0) || !(MaxSeconds > 0) || double.IsInfinity(MaxSeconds))
            throw new OvniException($"Chunk lengths must be positive (min {MinSeconds} s, max {MaxSeconds} s).");
        if (MinSeconds * 2 > MaxSeconds)
            throw new OvniException($"The shortest chunk ({MinSeconds} s) must be at most half the longest ({MaxSeconds} s), so a long scene can always be split.");
    }
}
