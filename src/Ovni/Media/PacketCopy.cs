using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>One stream copied packet by packet: re-timed by its span's offset, never backwards.</summary>
internal sealed unsafe class PacketCopy(int sourceIndex, int outputIndex, Rational sourceTimeBase, bool isCover = false)
{
    private const long NoPts = long.MinValue;
    private long _lastDts = NoPts;
    private bool _coverWritten;

    internal int SourceIndex => sourceIndex;

    /// <summary>True for cover art (<see cref="CoverArt"/>): one timeless picture, written once.</summary>
    internal bool IsCover => isCover;

    /// <summary>Writes the cover's picture at time 0 the first time it comes by; later copies (after seeks) are left out.</summary>
    internal void WriteCover(void* output, byte* packet, string path)
    {
        if (_coverWritten) return;
        _coverWritten = true;
        FFmpegLayout l = FFmpegRuntime.Layout;
        *(long*)(packet + l.PacketPts) = 0;
        *(long*)(packet + l.PacketDts) = 0;
        *(int*)(packet + l.PacketStreamIndex) = outputIndex;
        int written = FFmpegApi.av_interleaved_write_frame(output, packet); // takes the packet's reference
        if (written < 0) throw FFmpegErrors.Create("Writing the cover art", written, path);
    }

    /// <summary>Writes the packet (its middle lies in the span: the caller checked the end) shifted onto the output timeline.</summary>
    internal void Write(void* output, byte* packet, in OutputTimeline.Span span, long middleTicks, string path)
    {
        if (middleTicks < span.SourceStart) return; // before the span: not shown
        FFmpegLayout l = FFmpegRuntime.Layout;
        long offset = FrameTiming.Rescale(span.Offset, new Rational(1, (int)TimeSpan.TicksPerSecond), sourceTimeBase);
        ref long pts = ref *(long*)(packet + l.PacketPts);
        ref long dts = ref *(long*)(packet + l.PacketDts);
        if (pts != NoPts) pts += offset;
        if (dts != NoPts) dts += offset;
        *(int*)(packet + l.PacketStreamIndex) = outputIndex;
        FFmpegApi.av_packet_rescale_ts(packet, sourceTimeBase, MediaProbe.StreamTimeBase(MediaProbe.Stream(output, outputIndex)));
        long stamp = dts != NoPts ? dts : pts;
        // Spans meet where one packet may overlap the next span's first: the later one gives way.
        if (stamp != NoPts && _lastDts != NoPts && stamp <= _lastDts) return;
        if (stamp != NoPts) _lastDts = stamp;
        int written = FFmpegApi.av_interleaved_write_frame(output, packet); // takes the packet's reference
        if (written < 0) throw FFmpegErrors.Create("Writing copied packets", written, path);
    }
}
