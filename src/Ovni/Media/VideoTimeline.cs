using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// The presentation timestamps of every frame of a file's video stream, in presentation order, read from the
/// container's packets without decoding (a 3-minute file takes well under a second). Chunked encoding plans its
/// chunks on it, gives the joined file exactly these timestamps, and checks the result against it (frame-exact:
/// same count, same times).
/// </summary>
/// <example>
/// <code>
/// VideoTimeline source = VideoTimeline.Read("in.mkv"), output = VideoTimeline.Read("out.mkv");
/// if (!source.Matches(output, out string? why)) Console.WriteLine(why);
/// </code>
/// </example>
public sealed class VideoTimeline
{
    private const long NoPts = long.MinValue;
    private const int PacketFlagKey = 1;

    private readonly long[] _timestamps;
    private readonly int[] _sizes;
    private readonly bool[] _keyFrames;

    private VideoTimeline(string path, Rational timeBase, long[] timestamps, int[] sizes, bool[] keyFrames)
    {
        Path = path;
        TimeBase = timeBase;
        _timestamps = timestamps;
        _sizes = sizes;
        _keyFrames = keyFrames;
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>Time base of <see cref="Timestamps"/> (the video stream's own).</summary>
    public Rational TimeBase { get; }

    /// <summary>Number of frames (video packets with a presentation time).</summary>
    public int Count => _timestamps.Length;

    /// <summary>Presentation timestamps in <see cref="TimeBase"/> units, strictly increasing.</summary>
    public IReadOnlyList<long> Timestamps => _timestamps;

    /// <summary>Compressed size in bytes of each frame's packet, in presentation order; a cheap measure of how much changes.</summary>
    public IReadOnlyList<int> PacketSizes => _sizes;

    /// <summary>Whether each frame (in presentation order) is a key frame in the container.</summary>
    public IReadOnlyList<bool> KeyFrames => _keyFrames;

    /// <summary>Time of frame <paramref name="index"/> from the first frame.</summary>
    public TimeSpan TimeOf(int index) => TimeSpan.FromSeconds((_timestamps[index] - _timestamps[0]) * TimeBase.ToDouble());

    /// <summary>Time of frame <paramref name="index"/> on the stream's own clock (not re-based to the first frame).</summary>
    public TimeSpan PresentationTimeOf(int index) => TimeSpan.FromSeconds(_timestamps[index] * TimeBase.ToDouble());

    /// <summary>Typical frame duration (median spacing), in <see cref="TimeBase"/> units; 1 for a single frame.</summary>
    public long TypicalFrameDuration
    {
        get
        {
            if (_timestamps.Length < 2) return 1;
            long[] gaps = new long[_timestamps.Length - 1];
            for (int i = 0; i < gaps.Length; i++) gaps[i] = _timestamps[i + 1] - _timestamps[i];
            Array.Sort(gaps);
            return gaps[gaps.Length / 2];
        }
    }

    /// <summary>A part of this timeline: frames [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public VideoTimeline Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Count) throw new ArgumentOutOfRangeException(nameof(count), $"Frames {start}..{start + count - 1} are past the end ({Count} frames).");
        return new VideoTimeline(Path, TimeBase, _timestamps[start..(start + count)], _sizes[start..(start + count)], _keyFrames[start..(start + count)]);
    }

    /// <summary>
    /// True when <paramref name="other"/> has the same number of frames at the same times. Times are compared in seconds,
    /// within half a tick of the coarser of the two time bases (a Matroska file stores milliseconds, for example).
    /// </summary>
    /// <param name="other">The timeline to compare with, e.g. an encode of this one's file.</param>
    /// <param name="difference">The first difference in words, or null when they match.</param>
    public bool Matches(VideoTimeline other, out string? difference)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != Count)
        {
            difference = $"'{other.Path}' has {other.Count} video frames, '{Path}' has {Count}.";
            return false;
        }
        double tolerance = Math.Max(TimeBase.ToDouble(), other.TimeBase.ToDouble()) / 2 + 1e-9;
        for (int i = 0; i < Count; i++)
        {
            double a = _timestamps[i] * TimeBase.ToDouble(), b = other._timestamps[i] * other.TimeBase.ToDouble();
            if (Math.Abs(a - b) > tolerance)
            {
                difference = $"frame {i} is shown at {b:0.######} s in '{other.Path}' but at {a:0.######} s in '{Path}'.";
                return false;
            }
        }
        difference = null;
        return true;
    }

    /// <summary>Reads the video timeline of <paramref name="path"/> (a file or an http(s) URL) from its packets.</summary>
    /// <exception cref="OvniException">The file is missing or not media, has no video, or its video packets carry no timestamps or repeat one.</exception>
    public static unsafe VideoTimeline Read(string path, CancellationToken cancellationToken = default)
    {
        using InputFormatContextHandle format = MediaReader.OpenContainer(path);
        int video = MediaReader.FindVideoStream(format.Pointer, null);
        if (video < 0) throw new OvniException($"'{path}' has no video stream.") { FilePath = path };
        FFmpegLayout l = FFmpegRuntime.Layout;
        Rational timeBase = MediaProbe.StreamTimeBase(MediaProbe.Stream(format.Pointer, video));
        var frames = new List<(long Pts, int Size, bool Key)>(4096);
        using var packetHandle = new PacketHandle();
        byte* packet = (byte*)packetHandle.Pointer;
        while (true)
        {
            if ((frames.Count & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            int read = FFmpegApi.av_read_frame(format.Pointer, packet);
            if (read == AvError.Eof) break;
            if (read < 0) throw FFmpegErrors.Create("Reading the video timeline", read, path);
            try
            {
                if (*(int*)(packet + l.PacketStreamIndex) != video) continue;
                long pts = *(long*)(packet + l.PacketPts);
                if (pts == NoPts) pts = *(long*)(packet + l.PacketDts);
                if (pts == NoPts)
                    throw new OvniException($"Video packet {frames.Count} of '{path}' has no timestamp, so frames cannot be placed exactly; remux the file (e.g. to .mkv) first.") { FilePath = path };
                frames.Add((pts, *(int*)(packet + l.PacketSize), (*(int*)(packet + l.PacketFlags) & PacketFlagKey) != 0));
            }
            finally
            {
                FFmpegApi.av_packet_unref(packet);
            }
        }
        if (frames.Count == 0) throw new OvniException($"'{path}' has a video stream without any frames.") { FilePath = path };
        frames.Sort((a, b) => a.Pts.CompareTo(b.Pts));
        for (int i = 1; i < frames.Count; i++)
            if (frames[i].Pts == frames[i - 1].Pts)
                throw new OvniException($"Two video frames of '{path}' share the timestamp {frames[i].Pts * timeBase.ToDouble():0.######} s; the frames cannot be placed exactly. Remux or re-time the file first.") { FilePath = path };
        return new VideoTimeline(IO.MediaPath.IsLocalFile(path) ? System.IO.Path.GetFullPath(path) : path, timeBase,
            frames.Select(f => f.Pts).ToArray(), frames.Select(f => f.Size).ToArray(), frames.Select(f => f.Key).ToArray());
    }

    /// <summary>
    /// This timeline with only the frames whose timestamps are in <paramref name="timestamps"/> (others are ignored): for a
    /// damaged file, the frames its decoder delivers, so that a frame that cannot be decoded is left out, as a transcode
    /// leaves it out, instead of being waited for.
    /// </summary>
    public VideoTimeline KeepOnly(IEnumerable<long> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        var wanted = new HashSet<long>(timestamps);
        int[] kept = Enumerable.Range(0, Count).Where(i => wanted.Contains(_timestamps[i])).ToArray();
        return new VideoTimeline(Path, TimeBase, kept.Select(i => _timestamps[i]).ToArray(), kept.Select(i => _sizes[i]).ToArray(), kept.Select(i => _keyFrames[i]).ToArray());
    }

    /// <summary>A timeline from known timestamps (e.g. frames generated by a pipeline); they must strictly increase.</summary>
    public static VideoTimeline FromTimestamps(IReadOnlyList<long> timestamps, Rational timeBase, string name = "(timestamps)")
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (!timeBase.IsValid) throw new ArgumentException("The time base must be valid.", nameof(timeBase));
        long[] copy = timestamps.ToArray();
        for (int i = 1; i < copy.Length; i++)
            if (copy[i] <= copy[i - 1]) throw new ArgumentException($"Timestamps must strictly increase (index {i}).", nameof(timestamps));
        return new VideoTimeline(name, timeBase, copy, new int[copy.Length], new bool[copy.Length]);
    }
}
