using System.Globalization;
using Ovni.Interop.FFmpeg;

namespace Ovni;

// Damage seen while reading: what DecodeDiagnostics collected from FFmpeg's log, plus what the reader sees itself
// (pictures flagged as corrupt, packets flagged as cut off, data that ends before the container says it should).
public sealed unsafe partial class MediaReader
{
    private const int PacketFlagCorrupt = 2;    // AV_PKT_FLAG_CORRUPT
    private const int FrameFlagCorrupt = 1;     // AV_FRAME_FLAG_CORRUPT

    private readonly DecodeDiagnostics _diagnostics;
    private readonly FFmpegLogRoutes.Route _logRoute;
    private readonly bool _strict;
    private bool _seeked;
    private bool _reachedEnd;
    private long _framesDecoded;
    private long _lastFramePts = NoPts;

    /// <summary>
    /// What decoding met so far: errors FFmpeg reported (count and the first ones with their time), frames decoded
    /// against frames announced, and whether the data ended early. Complete once the last frame has been read.
    /// </summary>
    public DecodeReport GetDecodeReport()
    {
        bool exact = FrameCountIsExact();
        TimeSpan announcedEnd = AnnouncedVideoDuration(out bool videoSpecific);
        // Only the video's own figures count: a container-wide duration includes audio that often runs longer.
        long announced = _seeked ? 0
            : exact ? Video.EstimatedFrameCount
            : videoSpecific && Video.FrameRate.IsValid ? (long)Math.Round(announcedEnd.TotalSeconds * Video.FrameRate.ToDouble())
            : 0;
        TimeSpan decodedEnd = DecodedDuration();
        bool endedEarly = _diagnostics.Truncated;
        if (_reachedEnd && !_seeked && videoSpecific && announcedEnd > TimeSpan.Zero)
        {
            // Slack for rounding in container durations: three frames or half a second, whichever is more. Some muxers
            // store the end time rather than the length: the later of the two readings of where decoding ended counts.
            double frame = Video.FrameRate.IsValid ? 1 / Video.FrameRate.ToDouble() : 0.04;
            TimeSpan slack = TimeSpan.FromSeconds(Math.Max(0.5, 3 * frame));
            TimeSpan reached = decodedEnd + (Video.TimeBase.IsValid ? TimeSpan.FromSeconds(Math.Max(0, Video.StartPts * Video.TimeBase.ToDouble())) : TimeSpan.Zero);
            endedEarly |= reached < announcedEnd - slack;
        }
        // Only a container's own count is exact: duration × rate is no count for variable frame rates or gaps in time.
        long missing = _reachedEnd && exact && announced > _framesDecoded ? announced - _framesDecoded : 0;
        return new DecodeReport
        {
            Path = Path,
            ErrorCount = _diagnostics.ErrorCount,
            Errors = _diagnostics.FirstErrors(),
            FramesDecoded = _framesDecoded,
            FramesAnnounced = announced,
            FrameCountIsExact = exact,
            ReachedEnd = _reachedEnd,
            AnnouncedDuration = announcedEnd,
            DecodedDuration = decodedEnd,
            EndedEarly = endedEarly,
            MissingFrames = missing,
        };
    }

    void IDecodeMonitor.PacketRead(void* packet)
    {
        NotePacket(packet);
        ThrowIfStrictAndDamaged();
    }

    void IDecodeMonitor.Damaged(string what, int error)
    {
        NoteDamagedPacket(what, error);
        ThrowIfStrictAndDamaged();
    }

    private void NotePacket(void* packet)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* p = (byte*)packet;
        long pts = *(long*)(p + l.PacketPts);
        _diagnostics.NotePosition(pts != NoPts ? pts : *(long*)(p + l.PacketDts));
        if ((*(int*)(p + l.PacketFlags) & PacketFlagCorrupt) != 0)
            _diagnostics.RecordDemuxerError("the container marks this packet as corrupt (cut off or damaged)");
    }

    /// <summary>
    /// A damaged packet was counted: its log line is in the report, and must not pass for the cause of a later,
    /// unrelated failure on this thread (FFmpegErrors takes the thread's last error line).
    /// </summary>
    private void NoteDamagedPacket(string what, int error)
    {
        _diagnostics.RecordRefusedPacket($"{what}: {AvError.Describe(error)}");
        FFmpegLog.ClearLastError();
    }

    private void NoteDecoded(GpuFrame frame)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* native = (byte*)frame.Native;
        _framesDecoded++;
        _lastFramePts = frame.Pts;
        bool flagged = (*(int*)(native + l.FrameFlags) & FrameFlagCorrupt) != 0 || *(int*)(native + l.FrameDecodeErrorFlags) != 0;
        _diagnostics.NotePicture(flagged, frame.Pts);
        ThrowIfStrictAndDamaged();
    }

    private void NoteEnd()
    {
        if (_seeked) return;
        _reachedEnd = true;
        if (_strict && !GetDecodeReport().IsClean) throw new DamagedMediaException(GetDecodeReport());
    }

    private void ThrowIfStrictAndDamaged()
    {
        if (_strict && (_diagnostics.ErrorCount > 0 || _diagnostics.Truncated)) throw new DamagedMediaException(GetDecodeReport());
    }

    private bool FrameCountIsExact() => *(long*)(MediaProbe.Stream(_format.Pointer, _videoIndex) + FFmpegRuntime.Layout.StreamNbFrames) > 0;

    /// <summary>
    /// The video's own announced length: the stream's duration, or Matroska's per-track DURATION tag. A container-wide
    /// duration also covers audio, which often runs longer, so it does not count as the video's (videoSpecific false).
    /// </summary>
    private TimeSpan AnnouncedVideoDuration(out bool videoSpecific)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* stream = MediaProbe.Stream(_format.Pointer, _videoIndex);
        long duration = *(long*)(stream + l.StreamDuration);
        videoSpecific = true;
        if (duration > 0 && duration != NoPts && Video.TimeBase.IsValid) return TimeSpan.FromSeconds(duration * Video.TimeBase.ToDouble());
        if (MediaProbe.StreamTag(stream, "DURATION") is string tag && TimeSpan.TryParse(tag.Length > 16 ? tag[..16] : tag, CultureInfo.InvariantCulture, out TimeSpan fromTag))
            return fromTag;
        videoSpecific = false;
        return Video.Duration;
    }

    private TimeSpan DecodedDuration()
    {
        if (_lastFramePts == NoPts || !Video.TimeBase.IsValid) return TimeSpan.Zero;
        double frame = Video.FrameRate.IsValid ? 1 / Video.FrameRate.ToDouble() : 0;
        return TimeSpan.FromSeconds(Math.Max(0, (_lastFramePts - Video.StartPts) * Video.TimeBase.ToDouble() + frame));
    }
}
