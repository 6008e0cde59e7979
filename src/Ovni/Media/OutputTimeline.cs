// Why: copied audio must fit the written video, whatever the pipeline did to the frames' timestamps. The writer records,
// frame by frame, which stretch of its output shows which stretch of the copy source, and the stream copier lays the
// source's audio and subtitles along those stretches (and nothing past the video's end).
namespace Ovni;

/// <summary>
/// The written video as spans of output time, each either showing the copy source at a fixed offset (output time =
/// source time + offset) or showing something else (generated frames, another file).
/// </summary>
internal sealed class OutputTimeline
{
    /// <summary>Output time [Start, End) in TimeSpan ticks; End is <see cref="long.MaxValue"/> while the span is still growing.</summary>
    internal readonly record struct Span(long Start, long End, bool Mapped, long Offset)
    {
        /// <summary>Source time where the span starts.</summary>
        internal long SourceStart => Start - Offset;

        /// <summary>Source time where the span ends (exclusive).</summary>
        internal long SourceEnd => End == long.MaxValue ? long.MaxValue : End - Offset;
    }

    private readonly List<Span> _spans = [];
    private readonly string? _source;
    private string? _lastPath;     // the last frame source path compared, and whether it is the copy source
    private bool _lastPathMatches;
    private long _lastStart = long.MinValue, _lastDuration;

    /// <param name="source">Full path of the copy source whose frames the streams follow; null keeps the source's own timestamps.</param>
    internal OutputTimeline(string? source) => _source = source is null ? null : Canonical(source);

    internal int Count => _spans.Count;

    internal Span this[int index] => _spans[index];

    /// <summary>True once a frame from the copy source (or any frame, with source timestamps kept) was written.</summary>
    internal bool AnyMapped { get; private set; }

    /// <summary>True once <see cref="Finish"/> fixed the end of the video.</summary>
    internal bool IsFinished { get; private set; }

    /// <summary>Where the video ends (output ticks); meaningful once finished.</summary>
    internal long End => _spans.Count == 0 ? 0 : _spans[^1].End;

    /// <summary>Records a frame about to be encoded, in output order.</summary>
    internal void Add(GpuFrame frame)
    {
        long start = FrameTiming.ToTicks(frame.Pts, frame.TimeBase);
        long gap = _lastStart == long.MinValue ? 0 : start - _lastStart;
        long declared = FrameTiming.ToTicks(frame.Duration, frame.TimeBase);
        bool mapped;
        long offset = 0;
        if (_source is null) mapped = true;
        else if (IsCopySource(frame.SourcePath))
        {
            mapped = true;
            offset = start - frame.SourceTicks;
        }
        else mapped = false;
        AnyMapped |= mapped;

        if (_spans.Count == 0)
        {
            _spans.Add(new Span(start, long.MaxValue, mapped, offset));
        }
        else
        {
            Span current = _spans[^1];
            // Frame-rate changes repeat or skip source frames, so the offset wobbles by up to a frame of either clock;
            // a larger jump is a cut (a trim, a concatenation) and starts a new span.
            long tolerance = 3 * Math.Max(Math.Max(gap, frame.SourceDurationTicks), TimeSpan.TicksPerMillisecond) / 2;
            bool continuous = mapped == current.Mapped && (!mapped || Math.Abs(offset - current.Offset) <= tolerance);
            if (!continuous && start > current.Start)
            {
                _spans[^1] = current with { End = start };
                _spans.Add(new Span(start, long.MaxValue, mapped, offset));
            }
        }
        _lastStart = start;
        // Some files declare 1 ms per frame (Matroska written with a 1 ms time base): then the spacing says how long a frame shows.
        _lastDuration = declared > 0 && (gap == 0 || 2 * declared >= gap) ? declared : gap;
    }

    /// <summary>Whether a frame's file is the copy source, also when one path reaches it through a symbolic link.</summary>
    private bool IsCopySource(string? path)
    {
        if (path is null) return false;
        if (!ReferenceEquals(path, _lastPath))
        {
            _lastPath = path;
            _lastPathMatches = string.Equals(path, _source, StringComparison.Ordinal) || string.Equals(Canonical(path), _source, StringComparison.Ordinal);
        }
        return _lastPathMatches;
    }

    /// <summary>The full path with every symbolic link on the way resolved (what realpath gives).</summary>
    private static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (int hops = 0; hops < 40; hops++)
            {
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (info.LinkTarget is not string target) break;
                current = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root);
            }
        }
        return current;
    }

    /// <summary>
    /// A video that keeps the copy source's own timestamps throughout (a join of its chunks): every packet of its audio and
    /// subtitles is carried, also an encoder's priming packet before time 0, unless <paramref name="fromTicks"/> says where
    /// the carried streams must start (0 for a container that cannot store a time below 0).
    /// </summary>
    internal static OutputTimeline SourceTimes(long? fromTicks = null)
    {
        var timeline = new OutputTimeline(null) { AnyMapped = true, IsFinished = true };
        timeline._spans.Add(new Span(fromTicks ?? long.MinValue / 2, long.MaxValue, true, 0));
        return timeline;
    }

    /// <summary>Ends the last span where the last frame stops showing.</summary>
    internal void Finish()
    {
        if (IsFinished) return;
        IsFinished = true;
        if (_spans.Count == 0) return;
        _spans[^1] = _spans[^1] with { End = _lastStart + Math.Max(1, _lastDuration) };
    }
}
