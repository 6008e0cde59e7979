namespace Ovni;

/// <summary>The video stream of a file, as the decoder will see it.</summary>
public sealed record VideoStreamInfo
{
    /// <summary>Index of the stream in the container.</summary>
    public required int Index { get; init; }

    /// <summary>Codec name, e.g. "h264", "hevc", "av1".</summary>
    public required string Codec { get; init; }

    /// <summary>Coded width in pixels (before rotation).</summary>
    public required int Width { get; init; }

    /// <summary>Coded height in pixels (before rotation).</summary>
    public required int Height { get; init; }

    /// <summary>FFmpeg's name of the decoded pixel format, e.g. "yuv420p10le".</summary>
    public required string PixelFormatName { get; init; }

    /// <summary>The decoded pixel format (<see cref="PixelFormat.Other"/> when Ovni has no enum value for it).</summary>
    public required PixelFormat PixelFormat { get; init; }

    /// <summary>Bits per sample of the decoded pixels.</summary>
    public required int BitDepth { get; init; }

    /// <summary>Frame rate (average where known, else the container's base rate).</summary>
    public required Rational FrameRate { get; init; }

    /// <summary>Time base of the stream's timestamps.</summary>
    public required Rational TimeBase { get; init; }

    /// <summary>First timestamp of the stream in <see cref="TimeBase"/> units (0 when unknown).</summary>
    public long StartPts { get; init; }

    /// <summary>Duration of the stream; zero when unknown.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Frame count from the container, or duration × frame rate when the container doesn't say.</summary>
    public long EstimatedFrameCount { get; init; }

    /// <summary>Colour range, primaries, transfer and matrix.</summary>
    public ColorInfo Color { get; init; }

    /// <summary>
    /// Display rotation in degrees, counter-clockwise, from the display matrix (e.g. -90 for a phone video
    /// stored landscape and shown portrait). 0 when there is none.
    /// </summary>
    public double Rotation { get; init; }

    /// <summary>Stream bit rate in bits per second; 0 when unknown.</summary>
    public long BitRate { get; init; }
}
