using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Collects, for one input, the damage FFmpeg reports while demuxing and decoding it. Decoders report damage only in
/// their log ("error while decoding MB 31 15", "Invalid NAL unit size") and conceal it in the picture, so the log
/// callback hands this tracker every line of the input's decoder and demuxer (<see cref="FFmpegLogRoutes"/>).
/// </summary>
internal sealed class DecodeDiagnostics : IFFmpegLogListener
{
    private readonly Lock _gate = new();
    private readonly List<DecodeError> _errors = [];
    private readonly Rational _timeBase;
    private readonly long _startPts;
    private int _errorCount;
    private int _pendingDecoderErrors; // decoder reports not yet tied to a picture
    private long _positionPts = long.MinValue;

    internal DecodeDiagnostics(string path, Rational timeBase, long startPts)
    {
        Path = path;
        _timeBase = timeBase;
        _startPts = startPts;
    }

    internal string Path { get; }

    /// <summary>Damaged pictures (flagged by the decoder, or decoded while it reported errors) plus demuxer errors.</summary>
    internal int ErrorCount
    {
        get
        {
            lock (_gate) return _errorCount + (_pendingDecoderErrors > 0 ? 1 : 0);
        }
    }

    /// <summary>The timestamp of the packet being decoded, for the position of errors logged meanwhile.</summary>
    internal void NotePosition(long pts)
    {
        if (pts != long.MinValue) Volatile.Write(ref _positionPts, pts);
    }

    /// <summary>Records a problem of the container (a packet marked corrupt): one error on its own.</summary>
    internal void RecordDemuxerError(string message) => Add(message, Volatile.Read(ref _positionPts), counts: true);

    /// <summary>
    /// Records a packet the decoder refused: its picture is lost, so it is one error on its own (two refused in a row are two
    /// frames missing, not one damaged picture); the decoder's log lines about it, logged before it gave up, belong to it.
    /// </summary>
    internal void RecordRefusedPacket(string message)
    {
        lock (_gate)
        {
            _errorCount++;
            _pendingDecoderErrors = 0;
            if (_errors.Count < DecodeReport.KeptErrors) _errors.Add(new DecodeError(Position(Volatile.Read(ref _positionPts)), message));
        }
    }

    /// <summary>
    /// A picture arrived: it is damaged when the decoder flagged it, or reported errors since the previous picture
    /// (decoders both conceal and log; one damaged picture is one error however many lines it took).
    /// </summary>
    internal void NotePicture(bool flagged, long pts)
    {
        lock (_gate)
        {
            if (!flagged && _pendingDecoderErrors == 0) return;
            _errorCount++;
            if (flagged && _pendingDecoderErrors == 0 && _errors.Count < DecodeReport.KeptErrors)
                _errors.Add(new DecodeError(Position(pts), "the decoder marks this picture as damaged (it concealed the loss)"));
            _pendingDecoderErrors = 0;
        }
    }

    private TimeSpan? Position(long pts) =>
        pts == long.MinValue || !_timeBase.IsValid ? null : TimeSpan.FromSeconds(Math.Max(0, pts - _startPts) * _timeBase.ToDouble());

    private void Add(string message, long pts, bool counts)
    {
        lock (_gate)
        {
            if (counts) _errorCount++;
            else _pendingDecoderErrors++;
            if (_errors.Count < DecodeReport.KeptErrors) _errors.Add(new DecodeError(Position(pts), message));
        }
    }

    internal IReadOnlyList<DecodeError> FirstErrors()
    {
        lock (_gate) return _errors.ToArray();
    }

    /// <summary>
    /// A line at warning level or worse from this input's decoder or demuxer (called from FFmpeg's log callback, on
    /// any thread). Errors count; Matroska reports a cut-off file only as a warning, which is damage all the same.
    /// </summary>
    public void OnLogLine(bool isError, bool fromDemuxer, string line)
    {
        bool truncation = fromDemuxer && (line.Contains("ended prematurely", StringComparison.OrdinalIgnoreCase)
                                          || line.Contains("partial file", StringComparison.OrdinalIgnoreCase));
        if (truncation) Truncated = true;
        if (isError || truncation) Add(FFmpegLog.Readable(line), Volatile.Read(ref _positionPts), counts: fromDemuxer);
    }

    /// <summary>The demuxer said the data ends before the file's structure does.</summary>
    internal bool Truncated { get; private set; }
}
