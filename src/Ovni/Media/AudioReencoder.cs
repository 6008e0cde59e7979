// Why: a container may not hold the source's audio codec (Vorbis into MP4), and a stream copy can only cut between
// packets. Re-encoding decodes the source audio, converts it with libswresample to what the encoder takes, lays it on
// the output timeline sample by sample (cut exactly at the video's spans, silence where no source audio plays) and
// encodes it (FFmpeg's native AAC encoder, libopus, …).
using System.Globalization;
using Ovni.Interop.FFmpeg;
using Ovni.Interop;

namespace Ovni;

/// <summary>Decodes one audio stream of the copy source and encodes it into the output, following the output timeline.</summary>
internal sealed unsafe class AudioReencoder : IDisposable
{
    private const long NoPts = long.MinValue;
    private const int MaxChannels = 8;
    private const int SilenceChunk = 4096;

    private readonly string _path;
    private readonly Rational _sourceTimeBase;
    private readonly CodecContextHandle _decoder;
    private readonly CodecContextHandle _encoder;
    private readonly int _rate, _channels, _format, _frameSize, _bytesPerSample;
    private readonly bool _planar;
    private readonly Rational _encoderTimeBase;
    private readonly PacketHandle _packet = new();
    private void* _decoded, _frame, _swr, _fifo;
    private byte** _buffer;   // swr output planes
    private int _bufferCapacity;
    private byte** _silence;  // SilenceChunk samples of silence
    private long _outNext = NoPts;        // output position (samples at _rate) of the next sample entering the FIFO
    private long _swrPosition = NoPts;    // source position (samples at _rate) of the next sample leaving the resampler
    private long _expectedTicks = NoPts;  // source time where the next decoded frame should start
    private bool _flushed;

    /// <summary>Prepares decoder, resampler and encoder and adds the output stream.</summary>
    internal AudioReencoder(string path, byte* sourceStream, void* output, void* outputFormat, AudioEncoderOptions options, string outputPath)
    {
        _path = outputPath;
        FFmpegLayout l = FFmpegRuntime.Layout;
        _sourceTimeBase = MediaProbe.StreamTimeBase(sourceStream);
        byte* par = MediaProbe.CodecPar(sourceStream);
        _decoder = OpenDecoder(path, par, _sourceTimeBase);
        try
        {
            _encoder = Configure(options, par, outputFormat, outputPath, out void* codec);
            byte* e = (byte*)_encoder.Pointer;
            using (var settings = new AvDictionary())
            {
                if (options.ExtraOptions is not null)
                    foreach (var (key, value) in options.ExtraOptions) settings.Set(key, value);
                FFmpegErrors.Check(FFmpegApi.avcodec_open2(e, codec, settings.Address), $"Opening audio encoder {options.EncoderName}", outputPath);
                List<string> unknown = settings.RemainingKeys();
                if (unknown.Count > 0)
                    throw new OvniException($"Audio encoder {options.EncoderName} does not recognise option(s) {string.Join(", ", unknown)} (writing '{outputPath}').") { FilePath = outputPath };
            }
            _rate = *(int*)(e + l.CodecCtxSampleRate);
            _format = *(int*)(e + l.CodecCtxSampleFmt);
            _channels = *(int*)(e + l.CodecCtxChLayout + 4);
            int frameSize = *(int*)(e + l.CodecCtxFrameSize);
            _frameSize = frameSize > 0 ? frameSize : 1024; // encoders with variable frame sizes take any
            _encoderTimeBase = new Rational(1, _rate);
            _bytesPerSample = FFmpegApi.av_get_bytes_per_sample(_format);
            _planar = FFmpegApi.av_sample_fmt_is_planar(_format) != 0;

            byte* stream = (byte*)FFmpegApi.avformat_new_stream(output, null);
            if (stream == null) throw new OutOfMemoryException("avformat_new_stream failed.");
            FFmpegErrors.Check(FFmpegApi.avcodec_parameters_from_context(MediaProbe.CodecPar(stream), e), "Describing the audio stream", outputPath);
            *(Rational*)(stream + l.StreamTimeBase) = _encoderTimeBase;
            OutputIndex = *(int*)(stream + l.StreamIndex);
            OutputStream = stream;

            _fifo = FFmpegApi.av_audio_fifo_alloc(_format, _channels, 4 * _frameSize);
            _decoded = FFmpegApi.av_frame_alloc();
            _frame = FFmpegApi.av_frame_alloc();
            if (_fifo == null || _decoded == null || _frame == null) throw new OutOfMemoryException("Audio buffers could not be allocated.");
            _silence = AllocatePlanes(SilenceChunk);
            FFmpegErrors.Check(FFmpegApi.av_samples_set_silence(_silence, 0, SilenceChunk, _channels, _format), "Preparing silence");
            PrepareEncoderFrame();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The output stream's index.</summary>
    internal int OutputIndex { get; }

    /// <summary>The output AVStream (for metadata).</summary>
    internal byte* OutputStream { get; }

    /// <summary>What the encoder produces, e.g. "aac 48000 Hz stereo 128 kb/s".</summary>
    internal string Description => $"{Utf8.ToString(FFmpegApi.avcodec_get_name(*(int*)((byte*)_encoder.Pointer + 24)))} {_rate} Hz, {_channels} channels";

    /// <summary>
    /// Encoder context configured (not opened) for this source: codec, sample format, rate, channels, bit rate and time base.
    /// Also used before writing starts to ask the container whether it holds the result.
    /// </summary>
    internal static CodecContextHandle Configure(AudioEncoderOptions options, byte* sourceParameters, void* outputFormat, string outputPath, out void* codec)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte[] name = Utf8.ToNullTerminated(options.EncoderName);
        fixed (byte* n = name) codec = FFmpegApi.avcodec_find_encoder_by_name(n);
        if (codec == null || *(int*)((byte*)codec + 16) != 1 /* AVMEDIA_TYPE_AUDIO */)
            throw new OvniException($"Unknown audio encoder '{options.Codec}' (writing '{outputPath}'). This FFmpeg ({FFmpegRuntime.VersionText}) has no audio encoder by that name; try aac or opus.") { FilePath = outputPath };
        void* context = FFmpegApi.avcodec_alloc_context3(codec);
        if (context == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        var handle = new CodecContextHandle(context);
        byte* c = (byte*)context;
        int sourceRate = *(int*)(sourceParameters + l.ParSampleRate);
        int sourceChannels = *(int*)(sourceParameters + l.ParChannelCount);
        int sourceFormat = *(int*)(sourceParameters + l.ParFormat);
        int channels = Math.Clamp(options.Channels ?? (sourceChannels > 0 ? sourceChannels : 2), 1, MaxChannels);
        int rate = ChooseRate(codec, options.SampleRate ?? (sourceRate > 0 ? sourceRate : 48000));
        *(int*)(c + l.CodecCtxSampleRate) = rate;
        *(int*)(c + l.CodecCtxSampleFmt) = ChooseFormat(codec, sourceFormat);
        FFmpegApi.av_channel_layout_uninit(c + l.CodecCtxChLayout);
        FFmpegApi.av_channel_layout_default(c + l.CodecCtxChLayout, channels);
        long perChannel = options.EncoderName == "aac" ? 64_000 : 48_000;
        *(long*)(c + l.CodecCtxBitRate) = options.BitRate ?? perChannel * channels;
        *(Rational*)(c + l.CodecCtxTimeBase) = new Rational(1, rate);
        int outputFlags = *(int*)((byte*)outputFormat + l.OutputFormatFlags);
        if ((outputFlags & 0x40) != 0) *(int*)(c + l.CodecCtxFlags) |= 1 << 22; // AVFMT_GLOBALHEADER → AV_CODEC_FLAG_GLOBAL_HEADER
        return handle;
    }

    /// <summary>Decodes a source packet and lays the samples that fall in <paramref name="span"/> on the output timeline.</summary>
    internal void Feed(void* output, void* packet, in OutputTimeline.Span span, long encodeLimitTicks)
    {
        int sent = FFmpegApi.avcodec_send_packet(_decoder.Pointer, packet);
        if (sent < 0 && sent != AvError.InvalidData && sent != AvError.Again) throw FFmpegErrors.Create("Decoding the audio to re-encode", sent, _path);
        FFmpegLayout l = FFmpegRuntime.Layout;
        while (true)
        {
            int received = FFmpegApi.avcodec_receive_frame(_decoder.Pointer, _decoded);
            if (received == AvError.Again || received == AvError.Eof) break;
            if (received < 0) throw FFmpegErrors.Create("Decoding the audio to re-encode", received, _path);
            try
            {
                byte* frame = (byte*)_decoded;
                int samples = *(int*)(frame + l.FrameNbSamples);
                int inRate = *(int*)(frame + l.FrameSampleRate);
                long pts = *(long*)(frame + l.FrameBestEffortTimestamp);
                if (pts == NoPts) pts = *(long*)(frame + l.FramePts);
                long ticks = pts == NoPts ? _expectedTicks : FrameTiming.ToTicks(pts, _sourceTimeBase);
                if (_swr == null) OpenResampler(frame);
                // A jump in the source's time (a seek, a gap) restarts the resampler's count at the frame's own time.
                if (_swrPosition == NoPts || (ticks != NoPts && Math.Abs(ticks - _expectedTicks) > 20 * TimeSpan.TicksPerMillisecond))
                {
                    FFmpegErrors.Check(FFmpegApi.swr_init(_swr), "Restarting the audio resampler", _path);
                    _swrPosition = Samples(ticks == NoPts ? 0 : ticks);
                }
                _expectedTicks = (ticks == NoPts ? 0 : ticks) + samples * TimeSpan.TicksPerSecond / Math.Max(1, inRate);
                EnsureBuffer(FFmpegApi.swr_get_out_samples(_swr, samples));
                int converted = FFmpegApi.swr_convert(_swr, _buffer, _bufferCapacity, *(byte***)(frame + l.FrameExtendedData), samples);
                if (converted < 0) throw FFmpegErrors.Create("Converting audio samples", converted, _path);
                Place(_buffer, converted, _swrPosition, span);
                _swrPosition += converted;
            }
            finally
            {
                FFmpegApi.av_frame_unref(_decoded);
            }
        }
        Encode(output, Samples(encodeLimitTicks), final: false);
    }

    /// <summary>Silence up to <paramref name="untilTicks"/> where no source audio plays (other frames, a gap in the source).</summary>
    internal void FillSilence(void* output, long fromTicks, long untilTicks, long encodeLimitTicks)
    {
        if (_outNext == NoPts) _outNext = Samples(fromTicks);
        long target = Samples(untilTicks);
        if (target > _outNext) WriteSilence(target - _outNext);
        Encode(output, Samples(encodeLimitTicks), final: false);
    }

    /// <summary>The source was repositioned: the decoder and the resampler start afresh.</summary>
    internal void Reset()
    {
        FFmpegApi.avcodec_flush_buffers(_decoder.Pointer);
        _swrPosition = NoPts;
        _expectedTicks = NoPts;
    }

    /// <summary>Cuts or pads the audio to end exactly at <paramref name="endTicks"/>, encodes the rest and drains the encoder.</summary>
    internal void Finish(void* output, long startTicks, long endTicks)
    {
        if (_flushed) return;
        if (_outNext == NoPts) _outNext = Samples(startTicks);
        long end = Samples(endTicks);
        if (_outNext > end) Truncate(end);
        else if (_outNext < end) WriteSilence(end - _outNext);
        Encode(output, long.MaxValue, final: true);
        FFmpegErrors.Check(FFmpegApi.avcodec_send_frame(_encoder.Pointer, null), "Flushing the audio encoder", _path);
        DrainPackets(output);
        _flushed = true;
    }

    private void Place(byte** buffer, int count, long sourcePosition, in OutputTimeline.Span span)
    {
        long from = Math.Max(sourcePosition, Samples(span.SourceStart));
        long to = sourcePosition + count;
        if (span.End != long.MaxValue) to = Math.Min(to, Samples(span.SourceEnd));
        if (to <= from) return;
        long offset = Samples(span.Offset);
        long position = from + offset;
        int skip = (int)(from - sourcePosition);
        long length = to - from;
        if (_outNext == NoPts) _outNext = Samples(span.Start);
        if (position > _outNext) WriteSilence(position - _outNext);
        else if (position < _outNext)
        {
            long overlap = Math.Min(length, _outNext - position);
            skip += (int)overlap;
            length -= overlap;
        }
        if (length <= 0) return;
        WriteFifo(buffer, skip, (int)length);
    }

    private void WriteFifo(byte** planes, int skip, int count)
    {
        void** shifted = stackalloc void*[MaxChannels];
        int planesUsed = _planar ? _channels : 1;
        int stride = _planar ? _bytesPerSample : _bytesPerSample * _channels;
        for (int p = 0; p < planesUsed; p++) shifted[p] = planes[p] + (long)skip * stride;
        int written = FFmpegApi.av_audio_fifo_write(_fifo, shifted, count);
        if (written < count) throw FFmpegErrors.Create("Queueing audio samples", written < 0 ? written : -12, _path);
        _outNext += count;
    }

    private void WriteSilence(long count)
    {
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, SilenceChunk);
            WriteFifo(_silence, 0, chunk);
            count -= chunk;
        }
    }

    /// <summary>Drops queued samples at or after <paramref name="end"/> (samples never encoded: encoding stops at the video's current time).</summary>
    private void Truncate(long end)
    {
        int queued = FFmpegApi.av_audio_fifo_size(_fifo);
        long firstQueued = _outNext - queued;
        int keep = (int)Math.Clamp(end - firstQueued, 0, queued);
        EnsureBuffer(queued);
        void** planes = (void**)_buffer;
        FFmpegApi.av_audio_fifo_read(_fifo, planes, queued);
        _outNext = firstQueued;
        if (keep > 0) WriteFifo(_buffer, 0, keep);
    }

    /// <summary>Encodes whole frames whose samples all lie before <paramref name="limit"/> (all that is queued when final).</summary>
    private void Encode(void* output, long limit, bool final)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        while (true)
        {
            int queued = FFmpegApi.av_audio_fifo_size(_fifo);
            long first = _outNext - queued;
            int count = Math.Min(queued, _frameSize);
            if (count == 0 || (!final && (queued < _frameSize || first + _frameSize > limit))) return;
            byte* frame = (byte*)_frame;
            FFmpegErrors.Check(FFmpegApi.av_frame_make_writable(frame), "Preparing an audio frame", _path);
            *(int*)(frame + l.FrameNbSamples) = count;
            FFmpegApi.av_audio_fifo_read(_fifo, *(void***)(frame + l.FrameExtendedData), count);
            *(long*)(frame + l.FramePts) = first;
            int sent = FFmpegApi.avcodec_send_frame(_encoder.Pointer, frame);
            if (sent < 0) throw FFmpegErrors.Create("Encoding audio", sent, _path);
            DrainPackets(output);
        }
    }

    private void DrainPackets(void* output)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* packet = (byte*)_packet.Pointer;
        while (true)
        {
            int received = FFmpegApi.avcodec_receive_packet(_encoder.Pointer, packet);
            if (received == AvError.Again || received == AvError.Eof) return;
            if (received < 0) throw FFmpegErrors.Create("Encoding audio", received, _path);
            *(int*)(packet + l.PacketStreamIndex) = OutputIndex;
            FFmpegApi.av_packet_rescale_ts(packet, _encoderTimeBase, MediaProbe.StreamTimeBase(MediaProbe.Stream(output, OutputIndex)));
            int written = FFmpegApi.av_interleaved_write_frame(output, packet);
            if (written < 0) throw FFmpegErrors.Create("Writing audio packets", written, _path);
        }
    }

    private void OpenResampler(byte* frame)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* inLayout = frame + l.FrameChLayout;
        byte* fallback = stackalloc byte[24]; // AVChannelLayout
        if (*(int*)inLayout == 0) // AV_CHANNEL_ORDER_UNSPEC: only a count; take the default layout for it
        {
            FFmpegApi.av_channel_layout_default(fallback, Math.Max(1, *(int*)(inLayout + 4)));
            inLayout = fallback;
        }
        void* swr = null;
        byte* e = (byte*)_encoder.Pointer;
        int result = FFmpegApi.swr_alloc_set_opts2(&swr, e + l.CodecCtxChLayout, _format, _rate,
            inLayout, *(int*)(frame + l.FrameFormat), *(int*)(frame + l.FrameSampleRate), 0, null);
        if (result < 0) throw FFmpegErrors.Create("Preparing the audio resampler", result, _path);
        _swr = swr;
        FFmpegErrors.Check(FFmpegApi.swr_init(_swr), "Preparing the audio resampler", _path);
    }

    private void PrepareEncoderFrame()
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* frame = (byte*)_frame;
        *(int*)(frame + l.FrameNbSamples) = _frameSize;
        *(int*)(frame + l.FrameFormat) = _format;
        *(int*)(frame + l.FrameSampleRate) = _rate;
        FFmpegErrors.Check(FFmpegApi.av_channel_layout_copy(frame + l.FrameChLayout, (byte*)_encoder.Pointer + l.CodecCtxChLayout), "Preparing an audio frame", _path);
        FFmpegErrors.Check(FFmpegApi.av_frame_get_buffer(frame, 0), "Preparing an audio frame", _path);
    }

    private void EnsureBuffer(int samples)
    {
        if (samples <= _bufferCapacity) return;
        FreePlanes(ref _buffer);
        _bufferCapacity = Math.Max(samples, 2 * _frameSize);
        _buffer = AllocatePlanes(_bufferCapacity);
    }

    private byte** AllocatePlanes(int samples)
    {
        byte** planes = (byte**)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)(MaxChannels * sizeof(byte*)));
        int linesize;
        int result = FFmpegApi.av_samples_alloc(planes, &linesize, _channels, samples, _format, 0);
        if (result < 0)
        {
            System.Runtime.InteropServices.NativeMemory.Free(planes);
            throw FFmpegErrors.Create("Allocating audio buffers", result, _path);
        }
        return planes;
    }

    private static void FreePlanes(ref byte** planes)
    {
        if (planes == null) return;
        FFmpegApi.av_freep(planes); // av_samples_alloc makes one block, starting at planes[0]
        System.Runtime.InteropServices.NativeMemory.Free(planes);
        planes = null;
    }

    private long Samples(long ticks) => FrameTiming.Rescale(ticks, new Rational(1, (int)TimeSpan.TicksPerSecond), _encoderTimeBase);

    private static CodecContextHandle OpenDecoder(string path, byte* parameters, Rational timeBase)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        int codecId = *(int*)(parameters + l.ParCodecId);
        void* codec = FFmpegApi.avcodec_find_decoder(codecId);
        if (codec == null)
            throw new OvniException($"No decoder for the {Utf8.ToString(FFmpegApi.avcodec_get_name(codecId))} audio in '{path}' in this FFmpeg; it cannot be re-encoded.") { FilePath = path };
        void* context = FFmpegApi.avcodec_alloc_context3(codec);
        if (context == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        var handle = new CodecContextHandle(context);
        try
        {
            FFmpegErrors.Check(FFmpegApi.avcodec_parameters_to_context(context, parameters), "Configuring the audio decoder", path);
            *(Rational*)((byte*)context + l.CodecCtxPktTimebase) = timeBase;
            FFmpegErrors.Check(FFmpegApi.avcodec_open2(context, codec, null), "Opening the audio decoder", path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The source's rate when the encoder takes it, else the lowest rate it takes above it, else its highest.</summary>
    private static int ChooseRate(void* codec, int wanted)
    {
        int* rates = *(int**)((byte*)codec + FFmpegRuntime.Layout.CodecSupportedSampleRates);
        if (rates == null) return wanted;
        int best = 0, highest = 0;
        for (int* r = rates; *r != 0; r++)
        {
            if (*r == wanted) return wanted;
            if (*r > wanted && (best == 0 || *r < best)) best = *r;
            highest = Math.Max(highest, *r);
        }
        return best != 0 ? best : highest;
    }

    /// <summary>The source's sample format when the encoder takes it, else the encoder's first.</summary>
    private static int ChooseFormat(void* codec, int sourceFormat)
    {
        int* formats = *(int**)((byte*)codec + FFmpegRuntime.Layout.CodecSampleFormats);
        if (formats == null) return sourceFormat >= 0 ? sourceFormat : 8; // AV_SAMPLE_FMT_FLTP
        for (int* f = formats; *f != -1; f++)
            if (*f == sourceFormat) return sourceFormat;
        return *formats;
    }

    public void Dispose()
    {
        if (_swr != null) { void* swr = _swr; FFmpegApi.swr_free(&swr); _swr = null; }
        if (_fifo != null) { FFmpegApi.av_audio_fifo_free(_fifo); _fifo = null; }
        if (_decoded != null) { void* f = _decoded; FFmpegApi.av_frame_free(&f); _decoded = null; }
        if (_frame != null) { void* f = _frame; FFmpegApi.av_frame_free(&f); _frame = null; }
        FreePlanes(ref _buffer);
        FreePlanes(ref _silence);
        _packet.Dispose();
        _encoder?.Dispose();
        _decoder.Dispose();
    }
}
