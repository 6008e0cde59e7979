// Why: MediaReader and ImageDecoder both feed one stream's packets to a decoder and take its pictures. The
// send/receive protocol (EAGAIN asks for a packet, EOF of the container flushes, EOF of the codec ends) is written
// once here, on CodecResult rather than raw error codes.
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>Decodes one stream of an open container into frames. The container stays the caller's; the codec context is owned.</summary>
internal sealed unsafe class FrameDecoder : IDisposable
{
    private readonly void* _format;
    private readonly int _streamIndex;
    private readonly CodecContextHandle _codec;
    private readonly PacketHandle _packet = new();
    private readonly string _path;
    private readonly string _decoding, _flushing, _reading; // made once: decoding a frame allocates nothing
    private readonly bool _skipCorruptPackets;
    private readonly IDecodeMonitor? _monitor;
    private const int MaxDamagedResultsInARow = 1000;
    private int _damagedResults;
    private bool _draining;
    private bool _finished;
    private long _skipNonReferenceBefore = NoPts;
    private bool _skippingNonReference;
    private const long NoPts = long.MinValue;
    private const int DiscardDefault = 0, DiscardNonReference = 8; // AVDISCARD_DEFAULT, AVDISCARD_NONREF

    /// <param name="format">The open AVFormatContext the packets come from (not owned).</param>
    /// <param name="streamIndex">The stream to decode; packets of other streams are dropped.</param>
    /// <param name="codec">An opened decoder for that stream (owned from now on).</param>
    /// <param name="path">The file, for error messages.</param>
    /// <param name="what">What is decoded, for error messages ("video", "image").</param>
    /// <param name="skipCorruptPackets">Skip packets the decoder rejects as invalid data (as the ffmpeg tool does) instead of failing.</param>
    /// <param name="monitor">Told of every packet and every damage met; with one, damage is skipped (and reported to it) whatever <paramref name="skipCorruptPackets"/> says.</param>
    public FrameDecoder(void* format, int streamIndex, CodecContextHandle codec, string path, string what, bool skipCorruptPackets, IDecodeMonitor? monitor = null)
    {
        _monitor = monitor;
        _format = format;
        _streamIndex = streamIndex;
        _codec = codec;
        _path = path;
        _decoding = $"Decoding the {what}";
        _flushing = $"Flushing the {what} decoder";
        _reading = $"Reading the {what}'s container";
        _skipCorruptPackets = skipCorruptPackets;
    }

    /// <summary>The AVCodecContext.</summary>
    public void* Context => _codec.Pointer;

    /// <summary>Decodes the next picture into <paramref name="frame"/> (an empty shell); false once the stream is fully drained.</summary>
    /// <exception cref="FFmpegException">Reading or decoding failed.</exception>
    public bool Decode(GpuFrame frame)
    {
        if (_finished) return false;
        while (true)
        {
            int received = FFmpegApi.avcodec_receive_frame(_codec.Pointer, frame.Native);
            // Damaged data, as the ffmpeg tool sees it: reported, and decoding goes on with the next packet. A decoder
            // that fails this way many times in a row without asking for data is stuck, not damaged.
            if (received == AvError.InvalidData && _monitor is not null && ++_damagedResults < MaxDamagedResultsInARow)
            {
                _monitor.Damaged("the decoder could not decode a packet", received);
                continue;
            }
            switch (AvError.ToResult(received, _decoding, _path))
            {
                case CodecResult.Success:
                    return true;
                case CodecResult.Eof:
                    _finished = true;
                    return false;
            }
            _damagedResults = 0;

            if (_draining) throw new OvniException($"The decoder of '{_path}' asked for more data after end of stream.") { FilePath = _path };
            if (ReadPacket() == CodecResult.Eof)
            {
                _draining = true;
                int flushed = FFmpegApi.avcodec_send_packet(_codec.Pointer, null);
                // The flush is accepted even when decoding a frame still buffered fails; that frame is damage.
                if (flushed == AvError.InvalidData && _monitor is not null) _monitor.Damaged("the decoder could not decode the last packets", flushed);
                else FFmpegErrors.Check(flushed, _flushing, _path);
                continue;
            }
            _monitor?.PacketRead(_packet.Pointer);
            if (_skipNonReferenceBefore != NoPts) SkipNonReferencePictures(ShownBeforeSkipLimit());
            int sent = FFmpegApi.avcodec_send_packet(_codec.Pointer, _packet.Pointer);
            FFmpegApi.av_packet_unref(_packet.Pointer);
            // Corrupt packets are skipped as the ffmpeg tool does; the decoder logs why.
            if (sent == AvError.InvalidData && _monitor is not null)
            {
                _monitor.Damaged("the decoder refused a packet", sent);
                continue;
            }
            if (sent == AvError.InvalidData && _skipCorruptPackets) continue;
            _ = AvError.ToResult(sent, _decoding, _path); // Again: a frame is waiting, taken on the next turn
        }
    }

    /// <summary>Forgets buffered packets and pictures (after a seek); decoding continues from the container's position.</summary>
    public void Flush()
    {
        FFmpegApi.avcodec_flush_buffers(_codec.Pointer);
        _draining = false;
        _finished = false;
    }

    /// <summary>
    /// Until <see cref="StopSkipping"/>, pictures that no other picture refers to and that are shown before
    /// <paramref name="pts"/> are not decoded. After a seek the caller drops every picture before its target anyway, and the
    /// pictures that follow are the same whether these were decoded or not: a seek then decodes only the pictures its target
    /// needs (with x264's default B-frames about half of those before it). Decoders that cannot skip decode them all.
    /// </summary>
    public void SkipNonReferenceBefore(long pts) => _skipNonReferenceBefore = pts;

    /// <summary>Decodes every picture again (the seek's target was reached).</summary>
    public void StopSkipping()
    {
        _skipNonReferenceBefore = NoPts;
        SkipNonReferencePictures(false);
    }

    private bool ShownBeforeSkipLimit()
    {
        long pts = *(long*)((byte*)_packet.Pointer + FFmpegRuntime.Layout.PacketPts);
        return pts != NoPts && pts < _skipNonReferenceBefore;
    }

    private void SkipNonReferencePictures(bool skip)
    {
        if (skip == _skippingNonReference) return;
        // AVCodecContext.skip_frame is read for every packet (frame threads copy it when the packet is handed to them).
        fixed (byte* name = "skip_frame\0"u8)
            if (FFmpegApi.av_opt_set_int(_codec.Pointer, name, skip ? DiscardNonReference : DiscardDefault, 0) < 0)
            {
                _skipNonReferenceBefore = NoPts; // this decoder has no such option: it decodes everything, as before
                return;
            }
        _skippingNonReference = skip;
    }

    private CodecResult ReadPacket()
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        while (true)
        {
            int read = FFmpegApi.av_read_frame(_format, _packet.Pointer);
            if (read == AvError.Eof) return CodecResult.Eof;
            FFmpegErrors.Check(read, _reading, _path);
            if (*(int*)((byte*)_packet.Pointer + l.PacketStreamIndex) == _streamIndex) return CodecResult.Success;
            FFmpegApi.av_packet_unref(_packet.Pointer);
        }
    }

    /// <summary>Frees the packet and the codec context.</summary>
    public void Dispose()
    {
        _packet.Dispose();
        _codec.Dispose();
    }
}
