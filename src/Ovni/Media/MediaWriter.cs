using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
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
    private readonly string _tempPath;
    private readonly VideoEncoderOptions _encoding;
    private readonly MediaWriterOptions _options;
    private readonly OvniConfiguration _configuration;
    private readonly void* _codec;
    private readonly void* _outputFormat;
    private readonly Rational _sourceFrameRate;
    private OutputFormatContextHandle? _output;
    private CodecContextHandle? _encoder;
    private StreamCopier? _copier;
    private FrameConverter? _converter;
    private PacketHandle? _packet;
    private int _videoIndex;
    private Rational _encoderTimeBase;
    private int _encoderFormat;
    private long _lastPts = long.MinValue;
    private bool _completed;
    private int _disposed;
    private readonly List<string> _skipped = new();

    private MediaWriter(string path, string tempPath, VideoEncoderOptions encoding, MediaWriterOptions options, void* codec, void* outputFormat, Rational sourceFrameRate)
    {
        _path = path;
        _tempPath = tempPath;
        _encoding = encoding;
        _options = options;
        _configuration = options.Configuration ?? OvniConfiguration.Default;
        _codec = codec;
        _outputFormat = outputFormat;
        _sourceFrameRate = sourceFrameRate;
    }

    /// <summary>The destination path.</summary>
    public string Path => _path;

    /// <summary>Frames encoded so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>Streams of the copy source that could not be carried into this container (with the reason).</summary>
    public IReadOnlyList<string> SkippedStreams => _skipped;

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
        string fullPath = System.IO.Path.GetFullPath(path);

        void* codec;
        byte[] encoderName = Utf8.ToNullTerminated(encoding.Encoder);
        fixed (byte* p = encoderName) codec = FFmpegApi.avcodec_find_encoder_by_name(p);
        if (codec == null)
            throw new OvniException($"Unknown video encoder '{encoding.Encoder}' (writing '{path}'). This FFmpeg ({FFmpegRuntime.VersionText}) has no encoder by that name; try libx264, libx265, libsvtav1 or libaom-av1.") { FilePath = path };

        if (Devices.Cuda.NvencLibrary.IsNvencEncoder(encoding.Encoder)) Devices.Cuda.NvencLibrary.EnsureAvailable(encoding.Encoder, path);

        void* outputFormat;
        byte[] file = Utf8.ToNullTerminated(fullPath);
        byte[]? container = options.Container is null ? null : Utf8.ToNullTerminated(options.Container);
        fixed (byte* f = file, c = container) outputFormat = FFmpegApi.av_guess_format(c, container is null ? f : null, null);
        if (outputFormat == null)
            throw new OvniException(options.Container is null
                ? $"Cannot tell the container format from the name '{path}'; use an extension such as .mp4, .mkv, .mov or .webm, or set MediaWriterOptions.Container."
                : $"Unknown container '{options.Container}' for '{path}'.") { FilePath = path };

        string directory = System.IO.Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
            throw new OvniException($"Cannot write '{path}': the folder '{directory}' does not exist.") { FilePath = path };
        string temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileNameWithoutExtension(fullPath)}.ovni-{Guid.NewGuid():N}.partial{System.IO.Path.GetExtension(fullPath)}");
        try
        {
            using (File.Create(temp, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new OvniException($"Cannot write '{path}': the folder '{directory}' is not writable ({e.Message}).", e) { FilePath = path };
        }
        Rational rate = encoding.FrameRate ?? (source?.FrameRate is { IsValid: true } r ? r : new Rational(25, 1));
        return new MediaWriter(fullPath, temp, encoding, options, codec, outputFormat, rate);
    }

    /// <summary>Encodes one frame. The caller keeps ownership of <paramref name="frame"/>.</summary>
    public void WriteFrame(GpuFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_completed) throw new InvalidOperationException("The writer was completed; no more frames can be written.");
        try
        {
            if (_encoder is null) Open(frame);
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
                int sent = FFmpegApi.avcodec_send_frame(_encoder!.Pointer, input.Native);
                input.Pts = original;
                if (sent < 0) throw FFmpegErrors.Create("Encoding video", sent, _path);
                DrainPackets();
                FramesWritten++;
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
    }

    private int Width { get; set; }
    private int Height { get; set; }

    private void Open(GpuFrame first)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        if (first.Device.Kind != DeviceKind.Cpu && !_encoding.Encoder.Contains("nvenc", StringComparison.Ordinal))
            throw new OvniException($"Frame {first.Index} is on {first.Device.Name}; download it before encoding with {_encoding.Encoder}.") { FilePath = _path };
        Width = first.Width;
        Height = first.Height;
        _encoderFormat = ChooseFormat(first);
        _encoderTimeBase = first.TimeBase.IsValid ? first.TimeBase : _sourceFrameRate.Invert();

        void* output = null;
        byte[] temp = Utf8.ToNullTerminated(_tempPath);
        fixed (byte* t = temp)
            FFmpegErrors.Check(FFmpegApi.avformat_alloc_output_context2(&output, _outputFormat, null, t), "Creating the output container", _path);
        _output = new OutputFormatContextHandle(output);

        void* context = FFmpegApi.avcodec_alloc_context3(_codec);
        if (context == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        _encoder = new CodecContextHandle(context);
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
        ColorInfo color = first.Color;
        *(int*)(c + l.CodecCtxColorRange) = (int)color.Range;
        *(int*)(c + l.CodecCtxColorPrimaries) = color.Primaries;
        *(int*)(c + l.CodecCtxColorTrc) = color.Transfer;
        *(int*)(c + l.CodecCtxColorSpace) = color.Matrix;
        int outputFlags = *(int*)((byte*)_outputFormat + l.OutputFormatFlags);
        if ((outputFlags & 0x40) != 0) *(int*)(c + l.CodecCtxFlags) |= 1 << 22; // AVFMT_GLOBALHEADER → AV_CODEC_FLAG_GLOBAL_HEADER

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
            if (_encoding.ExtraOptions is not null)
                foreach (var (key, value) in _encoding.ExtraOptions) options.Set(key, value);
            FFmpegErrors.Check(FFmpegApi.avcodec_open2(context, _codec, options.Address), $"Opening encoder {_encoding.Encoder}", _path);
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

        if (_options.CopyStreamsFrom is string copyFrom && (_options.CopyAudio || _options.CopySubtitles))
            _copier = new StreamCopier(copyFrom, output, _outputFormat, _options.CopyAudio, _options.CopySubtitles, _configuration.Logger, _skipped);
        if (_options.CopyStreamsFrom is string chaptersFrom) ChapterCopier.Copy(chaptersFrom, output);

        fixed (byte* t = temp)
            FFmpegErrors.Check(FFmpegApi.avio_open((void**)((byte*)output + l.FormatPb), t, 2 /* AVIO_FLAG_WRITE */), "Creating the output file", _path);
        using (var header = new AvDictionary())
        {
            if (_options.FastStart && IsMovFamily()) header.Set("movflags", "+faststart");
            FFmpegErrors.Check(FFmpegApi.avformat_write_header(output, header.Address), "Writing the container header", _path);
        }
        _packet = new PacketHandle();
    }

    private bool IsMovFamily()
    {
        string name = Utf8.ToString(*(byte**)((byte*)_outputFormat + FFmpegRuntime.Layout.IoFormatName)) ?? "";
        return name is "mp4" or "mov" or "ipod" or "ismv";
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

    private void DrainPackets()
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* output = _output!.Pointer;
        byte* packet = (byte*)_packet!.Pointer;
        byte* stream = MediaProbe.Stream(output, _videoIndex);
        while (true)
        {
            int received = FFmpegApi.avcodec_receive_packet(_encoder!.Pointer, packet);
            if (received == AvError.Again || received == AvError.Eof) return;
            if (received < 0) throw FFmpegErrors.Create("Encoding video", received, _path);
            long dts = *(long*)(packet + l.PacketDts);
            if (_copier is not null && dts != long.MinValue) _copier.CopyUntil(output, dts * _encoderTimeBase.ToDouble());
            *(int*)(packet + l.PacketStreamIndex) = _videoIndex;
            FFmpegApi.av_packet_rescale_ts(packet, _encoderTimeBase, MediaProbe.StreamTimeBase(stream));
            int written = FFmpegApi.av_interleaved_write_frame(output, packet);
            if (written < 0) throw FFmpegErrors.Create("Writing video packets", written, _path);
        }
    }

    /// <summary>
    /// Flushes the encoder, copies the remaining audio/subtitles, writes the index and moves the finished
    /// file to its destination (replacing an existing file there).
    /// </summary>
    public Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_completed) return Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (_encoder is null) throw new OvniException($"No frames were written to '{_path}'; nothing to complete.") { FilePath = _path };
            FFmpegErrors.Check(FFmpegApi.avcodec_send_frame(_encoder.Pointer, null), "Flushing the encoder", _path);
            DrainPackets();
            _copier?.CopyUntil(_output!.Pointer, double.MaxValue);
            FFmpegErrors.Check(FFmpegApi.av_write_trailer(_output!.Pointer), "Finishing the container", _path);
            CloseNative();
            File.Move(_tempPath, _path, overwrite: true);
            _completed = true;
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abort();
            throw new OvniException($"Could not move the finished file into place at '{_path}': {e.Message}", e) { FilePath = _path };
        }
        catch
        {
            Abort();
            throw;
        }
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
    }

    /// <summary>Stops writing and deletes the temporary file; the destination is left as it was.</summary>
    private void Abort()
    {
        CloseNative();
        try { if (File.Exists(_tempPath)) File.Delete(_tempPath); }
        catch (IOException e) { _configuration.Logger.LogWarning(e, "Could not delete temporary file {Path}", _tempPath); }
    }

    /// <summary>Releases everything; if the writer was not completed, the partial output is deleted.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!_completed) Abort();
        else CloseNative();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
