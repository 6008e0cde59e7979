using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Encodes frames and muxes them (with audio/subtitles copied from a source) into a file. The file
/// appears at its destination only when <see cref="CompleteAsync"/> succeeds: until then Ovni writes
/// a temporary file beside it and renames it atomically at the end, so a failure or cancellation never
/// leaves a partial file where the user expects a finished one.
/// </summary>
public sealed unsafe partial class MediaWriter : IAsyncDisposable, IDisposable
{
    private readonly string _path;
    private readonly IO.TemporaryOutputFile _temp;
    private readonly VideoEncoderOptions _encoding;
    private readonly MediaWriterOptions _options;
    private readonly OvniConfiguration _configuration;
    private readonly void* _codec;
    private readonly void* _outputFormat;
    private readonly Rational _sourceFrameRate;
    private OutputFormatContextHandle? _output;
    private CodecContextHandle? _encoder;
    private StreamCopier? _copier;
    private OutputTimeline? _timeline;
    private readonly string? _copySource;
    private readonly IReadOnlyList<StreamCopier.PlannedStream> _copyPlan;
    private readonly DisplayRotation? _rotation;
    private FrameConverter? _converter;
    private PacketHandle? _packet;
    private int _videoIndex;
    private Rational _encoderTimeBase;
    private int _encoderFormat;
    private long _lastPts = long.MinValue;
    private long _videoFramesSent;
    private bool _completed;
    private int _disposed;
    private readonly List<string> _skipped;

    private MediaWriter(string path, IO.TemporaryOutputFile temp, VideoEncoderOptions encoding, MediaWriterOptions options, void* codec, void* outputFormat, Rational sourceFrameRate,
        string? copySource, IReadOnlyList<StreamCopier.PlannedStream> copyPlan, DisplayRotation? rotation, List<string> skipped)
    {
        _copySource = copySource;
        _rotation = rotation;
        _copyPlan = copyPlan;
        _skipped = skipped;
        _path = path;
        _temp = temp;
        _encoding = encoding;
        _options = options;
        _configuration = options.Configuration ?? OvniConfiguration.Default;
        _codec = codec;
        _outputFormat = outputFormat;
        _sourceFrameRate = sourceFrameRate;
    }

    /// <summary>The destination path.</summary>
    public string Path => _path;

    /// <summary>Video frames the encoder has delivered into the file so far (frames still inside the encoder are not counted).</summary>
    public long FramesWritten { get; private set; }

    /// <summary>What of the copy source the container cannot hold, each a sentence with the reason: streams dropped because
    /// <see cref="MediaWriterOptions.DropUnsupportedStreams"/> asked for it, attachments outside Matroska, and the display
    /// rotation outside MP4/QuickTime.</summary>
    public IReadOnlyList<string> SkippedStreams => _skipped;

    /// <summary>
    /// The writers' promise "never write over a source", for code that publishes a finished file by renaming it (Ovni's
    /// chunked, per-shot and target-quality encoders call it before they start and before the rename): throws when
    /// <paramref name="output"/> is one of <paramref name="inputs"/>, or a file an open <see cref="MediaReader"/> reads, under
    /// any name. Compared by file identity (device and inode, file ID on Windows): a symbolic link, a linked folder or a hard
    /// link to a source is the source. Nothing at <paramref name="output"/> is never an input.
    /// </summary>
    /// <exception cref="OvniException">The output is a source; the message names both.</exception>
    public static void EnsureNotAnInput(string output, params ReadOnlySpan<string?> inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        IO.SourceGuard.EnsureNotAnInput(System.IO.Path.GetFullPath(output), inputs);
    }

    /// <summary>
    /// Checks now, writing nothing, that the container of <paramref name="output"/> (by its extension, or
    /// <see cref="MediaWriterOptions.Container"/>) can hold every stream <paramref name="options"/> copy from
    /// <see cref="MediaWriterOptions.CopyStreamsFrom"/>: the check <see cref="Create"/> makes first. Ovni's target-quality,
    /// chunked and per-shot encoders make it before their search or their chunks, so that a subtitle stream .mp4 cannot hold
    /// fails in a moment instead of after the encode.
    /// </summary>
    /// <exception cref="OvniException">The container is unknown, or cannot hold a stream: the message names the stream, the
    /// output and the ways on.</exception>
    public static void CheckStreamsFit(string output, MediaWriterOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentNullException.ThrowIfNull(options);
        _ = FFmpegRuntime.Layout;
        if (options.CopyStreamsFrom is not string copyFrom) return;
        using FFmpegLog.LoggerScope logging = FFmpegLog.Use((options.Configuration ?? OvniConfiguration.Default).Logger);
        void* outputFormat = GuessFormat(output, System.IO.Path.GetFullPath(output), options);
        string source = IO.MediaPath.IsLocalFile(copyFrom) ? System.IO.Path.GetFullPath(copyFrom) : copyFrom;
        StreamCopier.Plan(source, outputFormat, options, output, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, [], out _);
    }

    private static void* GuessFormat(string path, string fullPath, MediaWriterOptions options)
    {
        void* outputFormat;
        byte[] file = Utf8.ToNullTerminated(fullPath);
        byte[]? container = options.Container is null ? null : Utf8.ToNullTerminated(options.Container);
        fixed (byte* f = file, c = container) outputFormat = FFmpegApi.av_guess_format(c, container is null ? f : null, null);
        if (outputFormat == null)
            throw new OvniException(options.Container is null
                ? $"Cannot tell the container format from the name '{path}'; use an extension such as .mp4, .mkv, .mov or .webm, or set MediaWriterOptions.Container."
                : $"Unknown container '{options.Container}' for '{path}'.") { FilePath = path };
        return outputFormat;
    }

    /// <summary>
    /// Prepares to write <paramref name="path"/>. Checks the encoder, the container and the destination folder
    /// now, so mistakes surface before any decoding work; the encoder opens on the first frame, when the
    /// frame size and format are known.
    /// </summary>
    /// <param name="path">Destination file.</param>
    /// <param name="encoding">Video encoder settings.</param>
    /// <param name="options">Container and stream-copy settings.</param>
    /// <param name="source">The source video, for its frame rate (optional).</param>
    public static MediaWriter Create(string path, VideoEncoderOptions? encoding = null, MediaWriterOptions? options = null, VideoStreamInfo? source = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        encoding ??= new VideoEncoderOptions();
        options ??= new MediaWriterOptions();
        _ = FFmpegRuntime.Layout;
        using FFmpegLog.LoggerScope logging = FFmpegLog.Use((options.Configuration ?? OvniConfiguration.Default).Logger);
        string fullPath = System.IO.Path.GetFullPath(path);

        void* codec;
        byte[] encoderName = Utf8.ToNullTerminated(encoding.Encoder);
        fixed (byte* p = encoderName) codec = FFmpegApi.avcodec_find_encoder_by_name(p);
        if (codec == null)
            throw new OvniException($"Unknown video encoder '{encoding.Encoder}' (writing '{path}'). This FFmpeg ({FFmpegRuntime.VersionText}) has no encoder by that name; try libx264, libx265, libsvtav1 or libaom-av1.") { FilePath = path };

        if (NvencLibrary.IsNvencEncoder(encoding.Encoder)) NvencLibrary.EnsureAvailable(encoding.Encoder, path);

        void* outputFormat = GuessFormat(path, fullPath, options);

        IO.TemporaryOutputFile temp = PrepareDestination(path, fullPath, options);
        Rational rate = encoding.FrameRate ?? (source?.FrameRate is { IsValid: true } r ? r : new Rational(25, 1));
        // The copied streams are checked against the container now, so a stream it cannot hold fails before any work.
        var skipped = new List<string>();
        string? copySource = null;
        IReadOnlyList<StreamCopier.PlannedStream> plan = [];
        DisplayRotation? rotation = null;
        if (options.CopyStreamsFrom is string copyFrom && (options.CopyAudio || options.CopySubtitles || options.CopyAttachments || options.CopyChapters || options.CopyRotation))
        {
            copySource = IO.MediaPath.IsLocalFile(copyFrom) ? System.IO.Path.GetFullPath(copyFrom) : copyFrom;
            try
            {
                ILogger logger = (options.Configuration ?? OvniConfiguration.Default).Logger;
                plan = StreamCopier.Plan(copySource, outputFormat, options, path, logger, skipped, out rotation);
            }
            catch
            {
                temp.Dispose();
                throw;
            }
        }
        return new MediaWriter(fullPath, temp, encoding, options, codec, outputFormat, rate, copySource, plan, rotation, skipped);
    }


    /// <summary>
    /// Deletes the named temporary files of every writer in this process that has not completed. For a host that must
    /// end the process at once (a second Ctrl+C), when the writers cannot be waited for; writers on file systems with
    /// anonymous temporary files (O_TMPFILE) need nothing, the kernel frees those with the process.
    /// </summary>
    public static void DeleteUnfinishedOutputs() => IO.TemporaryOutputFile.DeleteAllNamed();

    /// <summary>Encodes one frame. The caller keeps ownership of <paramref name="frame"/>.</summary>
    public void WriteFrame(GpuFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_completed) throw new InvalidOperationException("The writer was completed; no more frames can be written.");
        EnterNative();
        try
        {
            if (_encoder is null) Open(frame);
            _timeline?.Add(frame);
            GpuFrame input = frame;
            GpuFrame? converted = null;
            if (frame.NativeFormat != _encoderFormat || frame.Width != Width || frame.Height != Height)
            {
                _converter ??= new FrameConverter(PixelFormatInfo.FromNative(_encoderFormat).Format, Width, Height);
                input = converted = _converter.Convert(frame);
            }
            try
            {
                long pts = input.TimeBase == _encoderTimeBase ? input.Pts : FFmpegApi.av_rescale_q(input.Pts, input.TimeBase, _encoderTimeBase);
                // Encoders reject non-increasing timestamps; a repeated stamp means a duplicated frame one tick later.
                if (pts <= _lastPts) pts = _lastPts + 1;
                long original = input.Pts;
                input.Pts = pts;
                _lastPts = pts;
                // A decoded frame still says whether the source coded it as I, P or B; libx264/libx265 obey that as a forced
                // frame type (the source's GOP would be copied, B-frames lost). The encoder decides, as with the ffmpeg tool.
                int* pictType = (int*)((byte*)input.Native + FFmpegRuntime.Layout.FramePictType);
                int originalType = *pictType;
                *pictType = _encoding.ForcedKeyFrames?.Contains(_videoFramesSent) == true ? 1 : 0; // AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE
                _videoFramesSent++;
                int sent = FFmpegApi.avcodec_send_frame(_encoder!.Pointer, input.Native);
                *pictType = originalType;
                input.Pts = original;
                if (sent < 0) throw FFmpegErrors.Create("Encoding video", sent, _path);
                DrainPackets();
            }
            finally
            {
                converted?.Dispose();
            }
        }
        catch
        {
            Abort();
            throw;
        }
        finally
        {
            ExitNative();
        }
    }

    private int Width { get; set; }
    private int Height { get; set; }

    private void Open(GpuFrame first)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        using FFmpegLog.LoggerScope logging = FFmpegLog.Use(_configuration.Logger);
        if (first.Device.Kind != DeviceKind.Cpu && !_encoding.Encoder.Contains("nvenc", StringComparison.Ordinal))
            throw new OvniException($"Frame {first.Index} is on {first.Device.Name}; download it before encoding with {_encoding.Encoder}.") { FilePath = _path };
        Width = first.Width;
        Height = first.Height;
        _encoderFormat = ChooseFormat(first);
        _encoderTimeBase = first.TimeBase.IsValid ? first.TimeBase : _sourceFrameRate.Invert();

        void* output = null;
        byte[] temp = Utf8.ToNullTerminated(_temp.Url);
        fixed (byte* t = temp)
            FFmpegErrors.Check(FFmpegApi.avformat_alloc_output_context2(&output, _outputFormat, null, t), "Creating the output container", _path);
        _output = new OutputFormatContextHandle(output);
        FFmpegLogRoutes.AddFormatContext(output, EncoderLogRoute);

        void* context = FFmpegApi.avcodec_alloc_context3(_codec);
        if (context == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        // By the codec FFmpeg found (its name is AVCodec's first field), whatever name the options gave.
        bool serialized = EncoderLifecycle.IsSerialized(Marshal.PtrToStringUTF8((nint)(*(byte**)_codec)) ?? "");
        _encoder = new CodecContextHandle(context, serialized);
        byte* c = (byte*)context;
        *(int*)(c + l.CodecCtxWidth) = Width;
        *(int*)(c + l.CodecCtxHeight) = Height;
        *(int*)(c + l.CodecCtxPixFmt) = _encoderFormat;
        // CUDA frames go to NVENC as they are: the encoder takes their frames context (and so our CUDA context).
        if (first.HwFramesRef != null && _encoderFormat == first.NativeFormat)
            *(void**)(c + l.CodecCtxHwFramesCtx) = FFmpegApi.av_buffer_ref(first.HwFramesRef);
        *(Rational*)(c + l.CodecCtxTimeBase) = _encoderTimeBase;
        *(Rational*)(c + l.CodecCtxFramerate) = _sourceFrameRate;
        *(Rational*)(c + l.CodecCtxSampleAspectRatio) = new Rational(1, 1);
        // The tags of the frames the encoder gets: a "j" frame converted to a plain format is rescaled to limited range.
        ColorInfo color = _encoderFormat == first.NativeFormat ? first.Color : FrameConverter.TagsAfter(first, PixelFormatInfo.FromNative(_encoderFormat));
        *(int*)(c + l.CodecCtxColorRange) = (int)color.Range;
        *(int*)(c + l.CodecCtxColorPrimaries) = color.Primaries;
        *(int*)(c + l.CodecCtxColorTrc) = color.Transfer;
        *(int*)(c + l.CodecCtxColorSpace) = color.Matrix;
        int outputFlags = *(int*)((byte*)_outputFormat + l.OutputFormatFlags);
        if ((outputFlags & 0x40) != 0) *(int*)(c + l.CodecCtxFlags) |= 1 << 22; // AVFMT_GLOBALHEADER → AV_CODEC_FLAG_GLOBAL_HEADER

        // HDR10 static metadata of the source frames, for the encoder's bitstream and the container (see HdrMetadata).
        HdrMetadata? hdr = HdrMetadata.Read(first);
        var extraOptions = _encoding.ExtraOptions is null ? new Dictionary<string, string>() : new Dictionary<string, string>(_encoding.ExtraOptions);
        string? hdr10PlusNote = hdr?.AddEncoderOptions(_encoding.Encoder, extraOptions);
        X264Repeatability.Apply(_encoding.Encoder, extraOptions);
        // A forced I frame is an IDR only when the encoder is told so (else x265 codes an open-GOP I frame that the B frames
        // before it in display order may look past); SVT-AV1 ignores forced key frames unless told to honour them.
        if (_encoding.ForcedKeyFrames is { Count: > 0 })
        {
            if (_encoding.Encoder is "libx264" or "libx265" || _encoding.Encoder.Contains("nvenc", StringComparison.Ordinal)) extraOptions.TryAdd("forced-idr", "1");
            if (_encoding.Encoder == "libsvtav1")
                extraOptions["svtav1-params"] = extraOptions.TryGetValue("svtav1-params", out string? given) && given.Length > 0 ? given + ":enable-force-key-frames=1" : "enable-force-key-frames=1";
        }
        using (var options = new AvDictionary())
        {
            var invariant = CultureInfo.InvariantCulture;
            int threads = _encoding.Threads > 0 ? _encoding.Threads : _configuration.CodecThreads;
            if (threads > 0) options.Set("threads", threads.ToString(invariant));
            if (_encoding.Crf is int crf) options.Set("crf", crf.ToString(invariant));
            if (_encoding.Qp is int qp) options.Set("qp", qp.ToString(invariant));
            if (_encoding.BitRate is long rate) options.Set("b", rate.ToString(invariant));
            if (_encoding.Preset is string preset) options.Set("preset", preset);
            if (_encoding.Gop is int gop) options.Set("g", gop.ToString(invariant));
            foreach (var (key, value) in extraOptions) options.Set(key, value);
            foreach (var (key, value) in EncoderLogs.QuietOptions(_encoding.Encoder, extraOptions, _configuration.Logger)) options.Set(key, value);
            FFmpegLogRoutes.AddCodecContext(context, EncoderLogRoute);
            FFmpegErrors.Check(EncoderLifecycle.Open(serialized, context, _codec, options.Address), $"Opening encoder {_encoding.Encoder}", _path);
            LogEncoderOpened();
            List<string> unknown = options.RemainingKeys();
            if (unknown.Count > 0)
                throw new OvniException($"Encoder {_encoding.Encoder} does not recognise option(s) {string.Join(", ", unknown)} (writing '{_path}').") { FilePath = _path };
        }

        byte* stream = (byte*)FFmpegApi.avformat_new_stream(output, null);
        if (stream == null) throw new OutOfMemoryException("avformat_new_stream failed.");
        FFmpegErrors.Check(FFmpegApi.avcodec_parameters_from_context(MediaProbe.CodecPar(stream), context), "Describing the video stream", _path);
        *(Rational*)(stream + l.StreamTimeBase) = _encoderTimeBase;
        *(Rational*)(stream + l.StreamAvgFrameRate) = _sourceFrameRate;
        _videoIndex = *(int*)(stream + l.StreamIndex);
        _rotation?.AddTo(stream, _path);
        if (hdr is not null)
        {
            hdr.AddToStream(stream, _path);
            hdr.Log(_configuration.Logger, _path, _encoding.Encoder, hdr10PlusNote);
        }

        if (_copySource is not null && (_copyPlan.Count > 0 || _options.CopyChapters))
        {
            _timeline = new OutputTimeline(_options.CopyTiming == CopiedStreamTiming.FollowVideo ? _copySource : null);
            _copier = new StreamCopier(_copySource, output, _outputFormat, _copyPlan, _options, _timeline, _path, _configuration.Logger);
        }

        // A writer aborted meanwhile must not have FFmpeg create its (already deleted) temporary file again.
        if (Volatile.Read(ref _closeRequested) != 0) throw new OperationCanceledException("The writer was closed.");
        fixed (byte* t = temp)
            FFmpegErrors.Check(FFmpegApi.avio_open((void**)((byte*)output + l.FormatPb), t, 2 /* AVIO_FLAG_WRITE */), "Creating the output file", _path);
        using (var header = new AvDictionary())
        {
            if (_options.FastStart && ContainerSupport.IsMovFamily(_outputFormat)) header.Set("movflags", "+faststart");
            FFmpegErrors.Check(FFmpegApi.avformat_write_header(output, header.Address), "Writing the container header", _path);
        }
        _packet = new PacketHandle();
    }

    /// <summary>Keeps the source's pixel format when the encoder takes it; otherwise 4:2:0 at the same bit depth.</summary>
    private int ChooseFormat(GpuFrame first)
    {
        if (_encoding.PixelFormat is PixelFormat wanted) return PixelFormatInfo.ToNative(wanted);
        int* supported = *(int**)((byte*)_codec + 40); // AVCodec.pix_fmts, a -1 terminated list
        if (supported == null) return first.NativeFormat;
        for (int* p = supported; *p != -1; p++)
            if (*p == first.NativeFormat) return first.NativeFormat;
        int fallback = PixelFormatInfo.ToNative(first.FormatInfo.BitDepth > 8 ? PixelFormat.Yuv420P10 : PixelFormat.Yuv420P);
        for (int* p = supported; *p != -1; p++)
            if (*p == fallback) return fallback;
        return *supported;
    }

    private void DrainPackets(CancellationToken cancellationToken = default)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* output = _output!.Pointer;
        byte* packet = (byte*)_packet!.Pointer;
        byte* stream = MediaProbe.Stream(output, _videoIndex);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (AvError.ToResult(FFmpegApi.avcodec_receive_packet(_encoder!.Pointer, packet), "Encoding video", _path) != CodecResult.Success) return;
            long dts = *(long*)(packet + l.PacketDts);
            if (_copier is not null && dts != long.MinValue) _copier.CopyUntil(output, FrameTiming.ToTicks(dts, _encoderTimeBase));
            *(int*)(packet + l.PacketStreamIndex) = _videoIndex;
            long pts = *(long*)(packet + l.PacketPts);
            if (pts != long.MinValue && pts > _lastPacketPts) _lastPacketPts = pts;
            FFmpegApi.av_packet_rescale_ts(packet, _encoderTimeBase, MediaProbe.StreamTimeBase(stream));
            int written = FFmpegApi.av_interleaved_write_frame(output, packet);
            if (written < 0) throw FFmpegErrors.Create("Writing video packets", written, _path);
            FramesWritten++;
            ReportProgress(force: false);
        }
    }

    /// <summary>
    /// Flushes the encoder, copies the remaining audio/subtitles, writes the index and moves the finished
    /// file to its destination (replacing an existing file there). Cancellation is honoured to the end, encoder
    /// drain and mux included: the call returns at once, the temporary file is gone, and the encoder is released
    /// when the frame it is working on is done.
    /// </summary>
    public Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_completed) return Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        if (_encoder is null)
        {
            Abort();
            throw new OvniException(NoFramesMessage()) { FilePath = SourceDescription?.Invoke().Path ?? _path };
        }
        return FinishAsync(cancellationToken);
    }

    private void CloseNative()
    {
        _copier?.Dispose();
        _copier = null;
        _converter?.Dispose();
        _converter = null;
        _packet?.Dispose();
        _encoder?.Dispose();
        _output?.Dispose(); // closes the AVIOContext, flushing the file
        _output = null;
        _encoderLogRoute?.Dispose();
    }

    /// <summary>
    /// Stops writing and deletes the temporary file; the destination is left as it was. If another thread is inside
    /// an encoder call (a cancelled drain), the native objects are released when that call returns.
    /// </summary>
    private void Abort()
    {
        Volatile.Write(ref _aborted, 1);
        _temp.DeleteName(); // at once: a process that exits now leaves nothing
        RequestClose();     // the temporary file itself is released after FFmpeg's last use of its URL
    }

    /// <summary>Releases everything; if the writer was not completed, the partial output is deleted.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!_completed) Abort();
        else RequestClose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
