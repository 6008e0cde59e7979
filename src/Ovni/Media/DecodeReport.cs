using System.Globalization;

namespace Ovni;

/// <summary>
/// How well an input decoded: errors FFmpeg reported (damaged data it concealed or skipped), frames decoded against
/// the frames the container announced, and whether the data ended before the container said it would (a truncated
/// file). A re-encode whose input report is not <see cref="IsClean"/> should not replace the original unchecked.
/// </summary>
public sealed record DecodeReport
{
    /// <summary>How many of the first errors are kept in <see cref="Errors"/>.</summary>
    public const int KeptErrors = 10;

    /// <summary>The input.</summary>
    public required string Path { get; init; }

    /// <summary>Errors FFmpeg's demuxer and decoder reported for this input (each report counted once).</summary>
    public int ErrorCount { get; init; }

    /// <summary>The first <see cref="KeptErrors"/> errors, in the order they happened.</summary>
    public IReadOnlyList<DecodeError> Errors { get; init; } = [];

    /// <summary>Frames the decoder delivered.</summary>
    public long FramesDecoded { get; init; }

    /// <summary>
    /// Frames the container announced for the video: its frame count, or the video's own duration × frame rate; 0 when it
    /// announces neither (a container-wide duration, which includes audio, is not taken as the video's).
    /// </summary>
    public long FramesAnnounced { get; init; }

    /// <summary>True when <see cref="FramesAnnounced"/> is the container's own count rather than an estimate from its duration.</summary>
    public bool FrameCountIsExact { get; init; }

    /// <summary>True when the whole input was read (false for a run that stopped early: a cancel, an error, a break).</summary>
    public bool ReachedEnd { get; init; }

    /// <summary>The video's length as the container announced it; zero when unknown.</summary>
    public TimeSpan AnnouncedDuration { get; init; }

    /// <summary>Where the decoded video actually ended (end of its last frame).</summary>
    public TimeSpan DecodedDuration { get; init; }

    /// <summary>The data ended clearly before the announced length: the file is truncated (or its index lies).</summary>
    public bool EndedEarly { get; init; }

    /// <summary>
    /// Frames the container counted but the decoder did not deliver; 0 when none are missing or when the container gives no
    /// count of its own (an estimate from duration × rate proves nothing for variable frame rates; <see cref="EndedEarly"/> covers truncation).
    /// </summary>
    public long MissingFrames { get; init; }

    /// <summary>No errors, nothing missing, not truncated.</summary>
    public bool IsClean => ErrorCount == 0 && MissingFrames == 0 && !EndedEarly;

    /// <summary>One line for people: what went wrong, where first, or "clean".</summary>
    public string Describe()
    {
        if (IsClean) return $"'{Path}' decoded cleanly ({FramesDecoded} frames).";
        var parts = new List<string>();
        if (ErrorCount > 0)
        {
            string first = string.Join("; ", Errors.Take(3).Select(e => e.ToString()));
            parts.Add($"{ErrorCount} decode error{(ErrorCount == 1 ? "" : "s")} (first {first})");
        }
        if (EndedEarly)
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"the data ends at {DecodedDuration.TotalSeconds:0.###} s of the {AnnouncedDuration.TotalSeconds:0.###} s the container announces (truncated)"));
        if (MissingFrames > 0)
            parts.Add($"{FramesDecoded} of {FramesAnnounced} announced frames decoded ({MissingFrames} missing)");
        return $"'{Path}' is damaged: {string.Join("; ", parts)}.";
    }
}
