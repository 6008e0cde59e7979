using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Where a file's video key frames are, and how the video's bytes spread between them, read from the container's packets
/// without decoding anything (one pass of the demuxer: seconds for a film). Encoders put key frames at scene changes and at
/// their longest interval, and a group of pictures that takes more bytes holds more detail or motion, so this is a cheap
/// map of a file's scenes and of where its content is hard.
/// </summary>
/// <example>
/// <code>
/// KeyFrameIndex index = KeyFrameIndex.Read("film.mkv", ct);
/// for (int i = 0; i &lt; index.KeyFrames.Count; i++)
///     Console.WriteLine($"{index.KeyFrames[i]}: {index.GroupFrames[i]} frames, {index.GroupBytes[i]} bytes");
/// </code>
/// </example>
public sealed record KeyFrameIndex
{
    private const long NoPts = long.MinValue;
    private const int PacketFlagKey = 1;

    /// <summary>Presentation times of the key frames from the start of the stream (as <see cref="MediaReader.Seek"/> counts), ascending.</summary>
    public required IReadOnlyList<TimeSpan> KeyFrames { get; init; }

    /// <summary>Video frames (packets) from each key frame up to the next, in decode order.</summary>
    public required IReadOnlyList<int> GroupFrames { get; init; }

    /// <summary>Bytes of those packets.</summary>
    public required IReadOnlyList<long> GroupBytes { get; init; }

    /// <summary>Video packets in the file.</summary>
    public long FrameCount { get; init; }

    /// <summary>Presentation time of the last video frame's end from the start of the stream.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Reads the key frame index of <paramref name="path"/>'s video stream.</summary>
    /// <exception cref="OvniException">The file is missing, not media, or has no video stream.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static unsafe KeyFrameIndex Read(string path, CancellationToken cancellationToken = default)
    {
        using InputFormatContextHandle format = MediaReader.OpenContainer(path);
        int video = MediaReader.FindVideoStream(format.Pointer, null);
        if (video < 0) throw new OvniException($"'{path}' has no video stream, so it has no key frames.") { FilePath = path };
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* stream = MediaProbe.Stream(format.Pointer, video);
        Rational timeBase = MediaProbe.StreamTimeBase(stream);
        long start = *(long*)(stream + l.StreamStartTime);
        double unit = timeBase.ToDouble();

        var keys = new List<long>();
        var frames = new List<int>();
        var bytes = new List<long>();
        long count = 0, lastEnd = NoPts, firstPts = NoPts;
        using var packet = new PacketHandle();
        byte* p = (byte*)packet.Pointer;
        while (true)
        {
            if ((count & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            int read = FFmpegApi.av_read_frame(format.Pointer, p);
            if (read == AvError.Eof) break;
            if (read < 0) throw FFmpegErrors.Create("Reading packets for the key frame index", read, path);
            try
            {
                if (*(int*)(p + l.PacketStreamIndex) != video) continue;
                long pts = *(long*)(p + l.PacketPts), dts = *(long*)(p + l.PacketDts);
                long stamp = pts != NoPts ? pts : dts;
                if (stamp != NoPts)
                {
                    if (firstPts == NoPts || stamp < firstPts) firstPts = stamp;
                    long end = stamp + Math.Max(0, *(long*)(p + l.PacketDuration));
                    if (lastEnd == NoPts || end > lastEnd) lastEnd = end;
                }
                if ((*(int*)(p + l.PacketFlags) & PacketFlagKey) != 0 || keys.Count == 0)
                {
                    keys.Add(stamp);
                    frames.Add(0);
                    bytes.Add(0);
                }
                frames[^1]++;
                bytes[^1] += *(int*)(p + l.PacketSize);
                count++;
            }
            finally
            {
                FFmpegApi.av_packet_unref(p);
            }
        }
        long origin = start != NoPts ? start : firstPts == NoPts ? 0 : firstPts;
        var times = keys.Select(k => TimeSpan.FromSeconds(Math.Max(0, (k == NoPts ? origin : k - origin) * unit))).ToArray();
        // Key frames come in decode order; with open GOPs a key frame can be shown after frames decoded before it.
        var order = Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ToArray();
        return new KeyFrameIndex
        {
            KeyFrames = order.Select(i => times[i]).ToArray(),
            GroupFrames = order.Select(i => frames[i]).ToArray(),
            GroupBytes = order.Select(i => bytes[i]).ToArray(),
            FrameCount = count,
            Duration = lastEnd == NoPts ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0, (lastEnd - origin) * unit)),
        };
    }
}
