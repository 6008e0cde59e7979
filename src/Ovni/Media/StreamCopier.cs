using Microsoft.Extensions.Logging;
using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Carries the audio and subtitle streams of a source file into the output along the written video's timeline
/// (<see cref="OutputTimeline"/>): each span of the video that shows the source gets the source's packets from the same
/// source time, re-timed with the span; nothing goes past the video's end. Streams are copied as they are, or (audio,
/// when asked) re-encoded sample-exactly. Interleaved with the video the writer encodes: before each video packet is
/// written, source packets up to that time are passed on, so the muxer never buffers minutes of video.
/// </summary>
internal sealed unsafe class StreamCopier : IDisposable
{
    private const long NoPts = long.MinValue;
    private const int MediaTypeAudio = 1, MediaTypeSubtitle = 3, MediaTypeAttachment = 4;
    private static readonly long s_seekThreshold = 2 * TimeSpan.TicksPerSecond;  // read on rather than seek for shorter jumps
    private static readonly long s_preroll = TimeSpan.TicksPerSecond / 2;        // decoders need a little audio before a cut
    private static readonly long s_longestWait = TimeSpan.TicksPerSecond / 10;   // of a packet's duration, before passing it on

    private readonly InputFormatContextHandle _source;
    private readonly PacketHandle _packet = new();
    private readonly Dictionary<int, PacketCopy> _copies = new();
    private readonly Dictionary<int, AudioReencoder> _reencoders = new();
    private readonly OutputTimeline _timeline;
    private readonly string _sourcePath, _outputPath;
    private readonly ILogger _logger;
    private readonly bool _followVideo;
    private int _span;
    private bool _positioned, _pending, _exhausted, _finished;
    private long _lastReadTicks = NoPts;

    /// <summary>A source stream to carry and how; <paramref name="Cover"/> holds an attached picture's bytes (cover art).</summary>
    internal readonly record struct PlannedStream(int SourceIndex, bool Reencode, byte[]? Cover = null);

    /// <summary>
    /// Decides, before any work starts, which streams of <paramref name="sourcePath"/> go into the output and how. A stream
    /// the container cannot hold is an <see cref="OvniException"/> with the muxer's reason, or skipped when the options say so.
    /// <paramref name="rotation"/> is the source's display rotation for the output when <see cref="MediaWriterOptions.CopyRotation"/>
    /// asks for it (<see cref="DisplayRotation.ForOutput"/>).
    /// </summary>
    internal static List<PlannedStream> Plan(string sourcePath, void* outputFormat, MediaWriterOptions options, string outputPath,
        ILogger logger, List<string> skipped, out DisplayRotation? rotation)
    {
        using InputFormatContextHandle source = Open(sourcePath);
        rotation = options.CopyRotation ? DisplayRotation.ForOutput(source.Pointer, sourcePath, outputFormat, logger, skipped) : null;
        FFmpegLayout l = FFmpegRuntime.Layout;
        var plan = new List<PlannedStream>();
        int video = MediaReader.FindVideoStream(source.Pointer, null);
        for (int i = 0; i < MediaProbe.StreamCount(source.Pointer); i++)
        {
            byte* stream = MediaProbe.Stream(source.Pointer, i);
            byte* par = MediaProbe.CodecPar(stream);
            int type = *(int*)(par + l.ParCodecType);
            if (i != video && CoverArt.Is(stream) && options.CopyAttachments)
            {
                // A poster that media servers show: it used to be dropped without a word.
                string pictureCodec = Utf8.ToString(FFmpegApi.avcodec_get_name(*(int*)(par + l.ParCodecId))) ?? "?";
                byte[]? picture = CoverArt.Read(source.Pointer, i);
                // FFmpeg 5.1 writes cover art into MP4 (its iTunes covr atom) but drops it from MOV, and WebM has no attachments.
                bool fits = picture is not null && (HoldsAttachments(outputFormat)
                    || ContainerSupport.MuxerName(outputFormat) is "mp4" or "ipod" && ContainerSupport.Problem(outputFormat, par) is null);
                if (fits) plan.Add(new PlannedStream(i, false, picture));
                else
                {
                    string note = picture is null
                        ? $"stream {i} ({pictureCodec} cover art) holds no picture and was not copied"
                        : $"stream {i} ({pictureCodec} cover art) cannot be stored in this container and was not copied";
                    skipped.Add(note);
                    logger.LogWarning("{Path}: {Note}", sourcePath, note);
                }
                continue;
            }
            if (type == MediaTypeAttachment && options.CopyAttachments)
            {
                // Attachments (fonts, cover art) are files, not media a muxer is asked about: only Matroska stores them, and an
                // output that cannot hold them loses no picture or sound, so they are skipped with a note rather than refused.
                if (HoldsAttachments(outputFormat)) plan.Add(new PlannedStream(i, false));
                else
                {
                    string note = $"stream {i} (attachment) cannot be stored in this container and was not copied";
                    skipped.Add(note);
                    logger.LogWarning("{Path}: {Note}", sourcePath, note);
                }
                continue;
            }
            if (!((type == MediaTypeAudio && options.CopyAudio) || (type == MediaTypeSubtitle && options.CopySubtitles))) continue;
            bool reencode = type == MediaTypeAudio && options.Audio is not null;
            string codec = Utf8.ToString(FFmpegApi.avcodec_get_name(*(int*)(par + l.ParCodecId))) ?? "?";
            string? problem;
            string what = $"stream {i} ({codec} {(type == MediaTypeAudio ? "audio" : "subtitles")})";
            if (reencode)
            {
                using CodecContextHandle encoder = AudioReencoder.Configure(options.Audio!, par, outputFormat, outputPath, out _);
                void* encoded = FFmpegApi.avcodec_parameters_alloc();
                try
                {
                    FFmpegErrors.Check(FFmpegApi.avcodec_parameters_from_context(encoded, encoder.Pointer), "Describing the re-encoded audio", outputPath);
                    problem = ContainerSupport.Problem(outputFormat, (byte*)encoded);
                    if (problem is not null) what += $" re-encoded as {options.Audio!.EncoderName}";
                }
                finally
                {
                    FFmpegApi.avcodec_parameters_free(&encoded);
                }
            }
            else
            {
                problem = ContainerSupport.Problem(outputFormat, par);
            }
            if (problem is null)
            {
                plan.Add(new PlannedStream(i, reencode));
                continue;
            }
            if (options.DropUnsupportedStreams)
            {
                string note = $"{what} cannot be stored in this container and was dropped as asked: {problem}";
                skipped.Add(note);
                logger.LogWarning("{Path}: {Note}", sourcePath, note);
                continue;
            }
            string fix = type == MediaTypeAudio && !reencode
                ? "re-encode it (MediaWriterOptions.Audio = new AudioEncoderOptions { Codec = \"aac\" }), write a container that holds it (.mkv), or drop it (MediaWriterOptions.DropUnsupportedStreams = true)"
                : type == MediaTypeAudio
                    ? "choose another audio codec (AudioEncoderOptions.Codec), write a container that holds it (.mkv), or drop it (MediaWriterOptions.DropUnsupportedStreams = true)"
                    : "write a container that holds it (.mkv), leave subtitles out (MediaWriterOptions.CopySubtitles = false), or drop it (MediaWriterOptions.DropUnsupportedStreams = true)";
            throw new OvniException($"Cannot put {what} of '{sourcePath}' into '{outputPath}': {problem}. To go on, {fix}.") { FilePath = outputPath };
        }
        return plan;
    }

    internal StreamCopier(string sourcePath, void* output, void* outputFormat, IReadOnlyList<PlannedStream> plan, MediaWriterOptions options,
        OutputTimeline timeline, string outputPath, ILogger logger)
    {
        _sourcePath = sourcePath;
        _outputPath = outputPath;
        _timeline = timeline;
        _logger = logger;
        _followVideo = options.CopyTiming == CopiedStreamTiming.FollowVideo;
        _source = Open(sourcePath);
        // Held while copying, so no output of this process may resolve to the source.
        _inputLease = IO.MediaPath.IsLocalFile(sourcePath) ? IO.InputRegistry.Hold(sourcePath) : null;
        try
        {
            FFmpegLayout l = FFmpegRuntime.Layout;
            foreach (PlannedStream planned in plan)
            {
                byte* stream = MediaProbe.Stream(_source.Pointer, planned.SourceIndex);
                byte* outStream;
                if (planned.Cover is not null && HoldsAttachments(outputFormat))
                {
                    CoverArt.AddAsAttachment(output, stream, planned.Cover);
                    continue;
                }
                if (planned.Reencode)
                {
                    var reencoder = new AudioReencoder(sourcePath, stream, output, outputFormat, options.Audio!, outputPath);
                    _reencoders[planned.SourceIndex] = reencoder;
                    outStream = reencoder.OutputStream;
                    logger.LogInformation("{Path}: audio stream {Index} re-encoded as {Encoding}", outputPath, planned.SourceIndex, reencoder.Description);
                }
                else
                {
                    outStream = (byte*)FFmpegApi.avformat_new_stream(output, null);
                    if (outStream == null) throw new OutOfMemoryException("avformat_new_stream failed.");
                    byte* outPar = MediaProbe.CodecPar(outStream);
                    FFmpegErrors.Check(FFmpegApi.avcodec_parameters_copy(outPar, MediaProbe.CodecPar(stream)), "Copying stream parameters", sourcePath);
                    *(uint*)(outPar + l.ParCodecTag) = 0; // let the muxer pick its own tag for the codec
                    *(Rational*)(outStream + l.StreamTimeBase) = MediaProbe.StreamTimeBase(stream);
                    _copies[planned.SourceIndex] = new PacketCopy(planned.SourceIndex, *(int*)(outStream + l.StreamIndex), MediaProbe.StreamTimeBase(stream), planned.Cover is not null);
                }
                CopyMetadata(stream, outStream);
            }
            if (options.CopyChapters) CopyChapters(_source.Pointer, output);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal int StreamCount => _copies.Count + _reencoders.Count;

    /// <summary>Passes on source packets (or re-encoded audio) for the output up to <paramref name="limitTicks"/>, where the video has got to.</summary>
    internal void CopyUntil(void* output, long limitTicks)
    {
        if (StreamCount == 0 || _finished) return;
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* packet = (byte*)_packet.Pointer;
        while (_span < _timeline.Count)
        {
            OutputTimeline.Span span = _timeline[_span];
            bool closed = span.End != long.MaxValue;
            if (!span.Mapped || _exhausted)
            {
                // Nothing of the source plays here: re-encoded audio is silent, copied streams have nothing.
                foreach (AudioReencoder reencoder in _reencoders.Values) reencoder.FillSilence(output, span.Start, Math.Min(limitTicks, span.End), limitTicks);
                if (closed && span.End <= limitTicks) { Advance(); continue; }
                return;
            }
            if (!_positioned) Position(span);
            if (!ReadPacket())
            {
                _exhausted = true;
                continue;
            }
            int sourceIndex = *(int*)(packet + l.PacketStreamIndex);
            Rational timeBase = MediaProbe.StreamTimeBase(MediaProbe.Stream(_source.Pointer, sourceIndex));
            long pts = *(long*)(packet + l.PacketPts), dts = *(long*)(packet + l.PacketDts);
            long stamp = pts != NoPts ? pts : dts;
            if (stamp == NoPts)
            {
                // An attached picture has no time; FFmpeg hands it out again after every seek, the muxer takes it once.
                if (_copies.TryGetValue(sourceIndex, out PacketCopy? cover) && cover.IsCover) cover.WriteCover(output, packet, _outputPath);
                Consume();
                continue;
            }
            long start = FrameTiming.ToTicks(stamp, timeBase);
            long duration = FrameTiming.ToTicks(Math.Max(0, *(long*)(packet + l.PacketDuration)), timeBase);
            _lastReadTicks = start;
            if (closed && start + duration / 2 >= span.SourceEnd)
            {
                // The packet belongs after this span: the next span decides whether it is used (kept) or the source moves.
                Advance();
                continue;
            }
            // While the span grows, wait until the video has passed the packet's end (a closed span clips it itself). A subtitle
            // may last seconds: waiting for its end would hold back the audio behind it, so at most 100 ms are awaited.
            if ((closed ? start : start + Math.Min(duration, s_longestWait)) + span.Offset > limitTicks) return;
            if (_copies.TryGetValue(sourceIndex, out PacketCopy? copy)) copy.Write(output, packet, span, start + duration / 2, _outputPath);
            else _reencoders[sourceIndex].Feed(output, packet, span, limitTicks);
            Consume();
        }
    }

    /// <summary>After the video's last frame: the rest of the copied streams up to the video's end, then the encoders' tails.</summary>
    internal void Finish(void* output)
    {
        if (_finished) return;
        _timeline.Finish();
        CopyUntil(output, _timeline.End);
        long start = _timeline.Count > 0 ? _timeline[0].Start : 0;
        foreach (AudioReencoder reencoder in _reencoders.Values) reencoder.Finish(output, start, _timeline.End);
        _finished = true;
        if (_followVideo && !_timeline.AnyMapped && StreamCount > 0)
            _logger.LogWarning("{Output}: no written frame was decoded from '{Source}', so none of its audio or subtitles were laid under the video; " +
                "set MediaWriterOptions.CopyTiming = CopiedStreamTiming.SourceTimestamps to use it as a soundtrack.", _outputPath, _sourcePath);
    }

    private void Advance()
    {
        _span++;
        _positioned = false;
    }

    /// <summary>Moves the source to where the span starts, unless reading on gets there soon.</summary>
    private void Position(in OutputTimeline.Span span)
    {
        _positioned = true;
        long target = span.SourceStart;
        bool readOn = _lastReadTicks == NoPts ? target < s_seekThreshold : _lastReadTicks <= target && target - _lastReadTicks < s_seekThreshold;
        if (readOn) return;
        long microseconds = Math.Max(0, target - s_preroll) / 10;
        int result = FFmpegApi.av_seek_frame(_source.Pointer, -1, microseconds, 1 /* AVSEEK_FLAG_BACKWARD */);
        if (result < 0) result = FFmpegApi.av_seek_frame(_source.Pointer, -1, 0, 1);
        if (result < 0) throw FFmpegErrors.Create("Seeking in the stream-copy source", result, _sourcePath);
        if (_pending) Consume();
        _exhausted = false;
        _lastReadTicks = NoPts;
        foreach (AudioReencoder reencoder in _reencoders.Values) reencoder.Reset();
    }

    /// <summary>The next packet of a carried stream into the packet buffer (kept pending until consumed); false at the end.</summary>
    private bool ReadPacket()
    {
        if (_pending) return true;
        if (_exhausted) return false;
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* packet = (byte*)_packet.Pointer;
        while (true)
        {
            int read = FFmpegApi.av_read_frame(_source.Pointer, packet);
            if (read == AvError.Eof) return false;
            if (read < 0) throw FFmpegErrors.Create("Reading packets to copy", read, _sourcePath);
            int index = *(int*)(packet + l.PacketStreamIndex);
            if (_copies.ContainsKey(index) || _reencoders.ContainsKey(index))
            {
                _pending = true;
                return true;
            }
            FFmpegApi.av_packet_unref(packet);
        }
    }

    private void Consume()
    {
        FFmpegApi.av_packet_unref(_packet.Pointer);
        _pending = false;
    }

    // Attachments (fonts, cover art) go only into Matroska; WebM is Matroska without them, and its muxer drops them silently.
    private static bool HoldsAttachments(void* outputFormat) => ContainerSupport.MuxerName(outputFormat) == "matroska";

    /// <summary>Copies the source's chapters (id, time base, start, end, metadata such as the title) into the output context,
    /// which frees them with itself.</summary>
    private static void CopyChapters(void* source, void* output)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        int count = *(int*)((byte*)source + l.FormatNbChapters);
        byte** chapters = *(byte***)((byte*)source + l.FormatChapters);
        for (int i = 0; i < count; i++)
        {
            byte* from = chapters[i];
            byte* to = (byte*)FFmpegApi.av_mallocz((nuint)l.ChapterSize);
            if (to == null) throw new OutOfMemoryException("av_mallocz failed for a chapter.");
            *(long*)(to + l.ChapterId) = *(long*)(from + l.ChapterId);
            *(Rational*)(to + l.ChapterTimeBase) = *(Rational*)(from + l.ChapterTimeBase);
            *(long*)(to + l.ChapterStart) = *(long*)(from + l.ChapterStart);
            *(long*)(to + l.ChapterEnd) = *(long*)(from + l.ChapterEnd);
            void* metadata = *(void**)(from + l.ChapterMetadata);
            if (metadata != null) FFmpegApi.av_dict_copy((void**)(to + l.ChapterMetadata), metadata, 0);
            FFmpegApi.av_dynarray_add((byte*)output + l.FormatChapters, (int*)((byte*)output + l.FormatNbChapters), to);
        }
    }

    private static InputFormatContextHandle Open(string path)
    {
        if (IO.MediaPath.IsLocalFile(path) && !File.Exists(path)) throw new OvniException($"Cannot copy streams: '{path}' not found.") { FilePath = path };
        void* context = null;
        byte[] url = Utf8.ToNullTerminated(IO.MediaPath.ToFFmpegUrl(path));
        int result;
        fixed (byte* p = url) result = FFmpegApi.avformat_open_input(&context, p, null, null);
        if (result < 0) throw FFmpegErrors.Create("Opening the stream-copy source", result, path);
        var handle = new InputFormatContextHandle(context);
        try
        {
            FFmpegErrors.Check(FFmpegApi.avformat_find_stream_info(context, null), "Reading stream information", path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void CopyMetadata(byte* source, byte* target)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* metadata = *(void**)(source + l.StreamMetadata);
        if (metadata != null) FFmpegApi.av_dict_copy((void**)(target + l.StreamMetadata), metadata, 0);
        *(int*)(target + l.StreamDisposition) = *(int*)(source + l.StreamDisposition);
    }

    private readonly IDisposable? _inputLease;

    public void Dispose()
    {
        foreach (AudioReencoder reencoder in _reencoders.Values) reencoder.Dispose();
        _reencoders.Clear();
        _packet.Dispose();
        _source?.Dispose();
        _inputLease?.Dispose();
    }
}
