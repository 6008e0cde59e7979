using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Opens a media file, describes it (<see cref="Info"/>) and decodes its video stream into frames,
/// either one at a time (<see cref="ReadFrame"/>) or as an <see cref="IAsyncEnumerable{T}"/> decoded
/// on its own thread ahead of the consumer (<see cref="ReadFramesAsync"/>). Seeks are frame-accurate.
/// </summary>
/// <example>
/// <code>
/// await using var reader = MediaReader.Open("in.mp4");
/// await foreach (GpuFrame frame in reader.ReadFramesAsync(ct))
///     using (frame) Console.WriteLine(frame);
/// </code>
/// </example>
public sealed unsafe partial class MediaReader : IDisposable, IAsyncDisposable, IDecodeMonitor
{
    private const long NoPts = long.MinValue;
    private const int MediaTypeVideo = 0;

    private readonly InputFormatContextHandle _format;
    private readonly FrameDecoder _decoder;
    private readonly int _videoIndex;
    private readonly OvniConfiguration _configuration;
    private readonly ComputeDevice? _device;
    private readonly bool _requireHardwareDecoding;
    private readonly Lock _readGate = new();
    private long _nextIndex;
    private long _dropBeforePts = NoPts;
    private readonly bool _reorderDepthKnown;
    private int _disposed;

    private MediaReader(string path, InputFormatContextHandle format, CodecContextHandle decoder, int videoIndex, OvniConfiguration configuration,
        MediaReaderOptions options, ComputeDevice device, FFmpegLogRoutes.Route route)
    {
        _logRoute = route;
        _diagnostics = (DecodeDiagnostics)route.Listener!;
        _strict = options.Strict;
        _device = device.Kind == DeviceKind.Cuda ? device : null;
        _requireHardwareDecoding = options.RequireHardwareDecoding;
        Path = path;
        _format = format;
        _decoder = new FrameDecoder(format.Pointer, videoIndex, decoder, path, "video", skipCorruptPackets: true, monitor: this);
        _videoIndex = videoIndex;
        _configuration = configuration;
        _reorderDepthKnown = *(int*)(MediaProbe.CodecPar(MediaProbe.Stream(format.Pointer, videoIndex)) + FFmpegRuntime.Layout.ParVideoDelay) > 0;
        Info = MediaProbe.Describe(path, format.Pointer, videoIndex);
        _inputLease = options.TreatAsUrl || !IO.MediaPath.IsLocalFile(path) ? null : IO.InputRegistry.Hold(path);
    }

    private readonly IDisposable? _inputLease;

    /// <summary>The file this reader decodes.</summary>
    public string Path { get; }

    /// <summary>Container, streams, duration, colour, rotation.</summary>
    public MediaInfo Info { get; }

    /// <summary>The video stream (never null: a file without video cannot be opened by a reader).</summary>
    public VideoStreamInfo Video => Info.Video!;

    /// <summary>Describes a file without preparing a decoder.</summary>
    /// <param name="path">A local file (whatever characters its name holds), or a network URL (<c>https://</c>, <c>rtmp://</c>, <c>srt://</c>, …).</param>
    /// <param name="options">Only <see cref="MediaReaderOptions.TreatAsUrl"/> matters here.</param>
    public static MediaInfo Probe(string path, MediaReaderOptions? options = null)
    {
        using InputFormatContextHandle format = OpenContainer(path, options?.TreatAsUrl ?? false);
        int video = FindVideoStream(format.Pointer, null);
        return MediaProbe.Describe(path, format.Pointer, video);
    }

    /// <summary>
    /// Opens <paramref name="path"/> (a file, or a network URL such as http(s), which FFmpeg reads with range requests)
    /// and prepares its video decoder, delivering frames on <see cref="MediaReaderOptions.Device"/> or else the
    /// configuration's <see cref="OvniConfiguration.Device"/>.
    /// </summary>
    /// <exception cref="OvniException">The file is missing, empty, not media, has no video stream, or its codec has no decoder;
    /// or the configuration asks for a CUDA device that is not there.</exception>
    public static MediaReader Open(string path, MediaReaderOptions? options = null)
    {
        options ??= new MediaReaderOptions();
        OvniConfiguration configuration = options.Configuration ?? OvniConfiguration.Default;
        using FFmpegLog.LoggerScope logging = FFmpegLog.Use(configuration.Logger);
        ComputeDevice device = options.Device ?? ComputeDevice.Select(configuration);
        InputFormatContextHandle format = OpenContainer(path, options.TreatAsUrl);
        CodecContextHandle? decoder = null;
        FFmpegLogRoutes.Route? route = null;
        try
        {
            void* codec = null;
            int video = FindVideoStream(format.Pointer, &codec);
            if (video < 0) throw new OvniException($"'{path}' has no video stream to decode.") { FilePath = path };
            byte* stream = MediaProbe.Stream(format.Pointer, video);
            if (codec == null) throw NoDecoder(path, stream);
            long startPts = *(long*)(stream + FFmpegRuntime.Layout.StreamStartTime);
            var diagnostics = new DecodeDiagnostics(path, MediaProbe.StreamTimeBase(stream), startPts == NoPts ? 0 : startPts);
            route = new FFmpegLogRoutes.Route(configuration.Logger, diagnostics);
            FFmpegLogRoutes.AddFormatContext(format.Pointer, route);
            decoder = OpenDecoder(path, stream, codec, options.Threads > 0 ? options.Threads : configuration.CodecThreads, device, configuration.PipelineDepth, route, options.DecoderOptions);
            bool local = !options.TreatAsUrl && IO.MediaPath.IsLocalFile(path);
            return new MediaReader(local ? System.IO.Path.GetFullPath(path) : path, format, decoder, video, configuration, options, device, route);
        }
        catch
        {
            route?.Dispose();
            decoder?.Dispose();
            format.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The codec of a video stream is unknown (codec id "none": the header that names it is damaged) or this FFmpeg
    /// has no decoder for it: two different causes, two different messages.
    /// </summary>
    private static OvniException NoDecoder(string path, byte* stream)
    {
        int codecId = *(int*)(MediaProbe.CodecPar(stream) + FFmpegRuntime.Layout.ParCodecId);
        if (codecId == 0)
            return new OvniException($"'{path}': the codec of its video stream could not be identified, so the file's header is damaged or the codec is unknown to FFmpeg ({FFmpegRuntime.VersionText}).") { FilePath = path };
        string name = Utf8.ToString(FFmpegApi.avcodec_get_name(codecId)) ?? "?";
        return new OvniException($"'{path}': this FFmpeg ({FFmpegRuntime.VersionText}) has no decoder for its {name} video.") { FilePath = path };
    }

    /// <summary>
    /// Opens a media file (a local file checked first to exist, be a file and not be empty; or a URL when
    /// <paramref name="treatAsUrl"/>) and reads its stream information.
    /// </summary>
    internal static InputFormatContextHandle OpenContainer(string path, bool treatAsUrl = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ = FFmpegRuntime.Layout;
        bool local = !treatAsUrl && IO.MediaPath.IsLocalFile(path);
        if (local)
        {
            if (Directory.Exists(path)) throw new OvniException($"'{path}' is a directory, not a media file.") { FilePath = path };
            if (!File.Exists(path)) throw new OvniException($"Media file not found: '{path}'.") { FilePath = path };
            if (IO.SpecialFile.Describe(path) is string kind)
                throw new OvniException($"'{path}' is {kind}, not a media file. To read a stream from it, hand it to FFmpeg as a URL (ovni probe/transcode --url, e.g. 'pipe:0' or 'file:{path}').") { FilePath = path };
            var file = new FileInfo(path);
            if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) file = target; // a link's own length is its target's name
            if (file.Length == 0) throw new OvniException($"'{path}' is empty (0 bytes), so it holds no media.") { FilePath = path };
        }

        FFmpegLog.ClearLastError();
        void* context = null;
        byte[] url = Utf8.ToNullTerminated(IO.MediaPath.ToFFmpegUrl(path, treatAsUrl));
        int result;
        fixed (byte* p = url) result = FFmpegApi.avformat_open_input(&context, p, null, null);
        if (result < 0) throw FFmpegErrors.Create("Opening the media file", result, path);
        var handle = new InputFormatContextHandle(context);
        result = FFmpegApi.avformat_find_stream_info(context, null);
        if (result < 0)
        {
            handle.Dispose();
            throw FFmpegErrors.Create("Reading stream information", result, path);
        }
        return handle;
    }

    internal static int FindVideoStream(void* format, void** codec)
    {
        int best = FFmpegApi.av_find_best_stream(format, MediaTypeVideo, -1, -1, codec, 0);
        if (best >= 0) return best;
        // av_find_best_stream returns "decoder not found" when a video stream exists but can't be decoded.
        for (int i = 0; i < MediaProbe.StreamCount(format); i++)
            if (MediaProbe.CodecType(MediaProbe.Stream(format, i)) == MediaTypeVideo) return i;
        return -1;
    }

    private static CodecContextHandle OpenDecoder(string path, byte* stream, void* codec, int threads, ComputeDevice device, int extraHwFrames,
        FFmpegLogRoutes.Route route, IReadOnlyDictionary<string, string>? extra)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* context = FFmpegApi.avcodec_alloc_context3(codec);
        if (context == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        var handle = new CodecContextHandle(context);
        try
        {
            FFmpegErrors.Check(FFmpegApi.avcodec_parameters_to_context(context, MediaProbe.CodecPar(stream)), "Configuring the video decoder", path);
            *(Rational*)((byte*)context + l.CodecCtxPktTimebase) = MediaProbe.StreamTimeBase(stream);
            FFmpegLogRoutes.AddCodecContext(context, route);
            bool onDevice = device.AttachDecoder(context);
            using var options = new AvDictionary();
            options.Set("threads", threads > 0 ? threads.ToString(System.Globalization.CultureInfo.InvariantCulture) : "auto");
            // NVDEC decodes into a fixed-size surface pool; frames queued ahead of the consumer must not exhaust it.
            if (onDevice) options.Set("extra_hw_frames", (extraHwFrames + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (extra is not null) foreach (var (key, value) in extra) options.Set(key, value);
            FFmpegErrors.Check(FFmpegApi.avcodec_open2(context, codec, options.Address), "Opening the video decoder", path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Decodes the next frame; null at the end of the stream. The caller owns the frame and must dispose it.
    /// </summary>
    public GpuFrame? ReadFrame()
    {
        lock (_readGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            while (true)
            {
                GpuFrame? frame = DecodeNext();
                if (frame is null) return null;
                if (_dropBeforePts != NoPts && frame.Pts < _dropBeforePts)
                {
                    frame.Dispose();
                    continue;
                }
                if (_dropBeforePts != NoPts)
                {
                    _nextIndex = IndexOf(frame.Pts);
                    _dropBeforePts = NoPts;
                    _decoder.StopSkipping();
                }
                frame.Index = _nextIndex++;
                return _device is null ? frame : PlaceOnDevice(frame, _device);
            }
        }
    }

    private GpuFrame? DecodeNext()
    {
        GpuFrame frame = GpuFrame.Rent();
        try
        {
            if (!_decoder.Decode(frame))
            {
                frame.Dispose();
                NoteEnd();
                return null;
            }
            Stamp(frame);
            NoteDecoded(frame);
            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    /// <summary>
    /// True once frames arrive from NVDEC, false once they arrive from the CPU decoder although a CUDA device was
    /// asked for (they are uploaded then), null before the first frame or without a CUDA device.
    /// </summary>
    public bool? IsHardwareDecoding { get; private set; }

    /// <summary>Why NVDEC was not used although a CUDA device was asked for; null otherwise.</summary>
    public string? HardwareDecodingFallbackReason { get; private set; }

    private GpuFrame PlaceOnDevice(GpuFrame frame, ComputeDevice device)
    {
        if (frame.HwFramesRef != null)
        {
            IsHardwareDecoding = true;
            frame.Device = device;
            return frame;
        }
        if (IsHardwareDecoding is null)
        {
            IsHardwareDecoding = false;
            HardwareDecodingFallbackReason = Devices.Cuda.CudaDecoding.DescribeFallback(Video.Codec);
            if (!_requireHardwareDecoding)
                _configuration.Logger.LogInformation("Decoding '{Path}' on the CPU and uploading frames to {Device}: {Reason}", Path, device.Name, HardwareDecodingFallbackReason);
        }
        if (_requireHardwareDecoding)
        {
            frame.Dispose();
            throw new OvniException($"Hardware decoding of '{Path}' on {device.Name} was required, but {HardwareDecodingFallbackReason}.") { FilePath = Path };
        }
        using (frame) return frame.ToDevice(device);
    }

    private void Stamp(GpuFrame frame)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* native = (byte*)frame.Native;
        long pts = *(long*)(native + l.FrameBestEffortTimestamp);
        if (pts == NoPts) pts = *(long*)(native + l.FramePts);
        if (pts == NoPts) pts = PtsOf(_nextIndex);
        frame.Pts = pts;
        frame.TimeBase = Video.TimeBase;
        frame.Device = ComputeDevice.Cpu;
        frame.SourcePath = Path;
        frame.SourceTicks = FrameTiming.ToTicks(pts, Video.TimeBase);
        frame.SourceDurationTicks = FrameTiming.ToTicks(frame.Duration, Video.TimeBase);
        frame.Configuration = _configuration;
    }

    private long PtsOf(long index)
    {
        Rational rate = Video.FrameRate, tb = Video.TimeBase;
        if (!rate.IsValid || !tb.IsValid) return index;
        return Video.StartPts + (long)Math.Round(index * (double)rate.Den * tb.Den / ((double)rate.Num * tb.Num));
    }

    private long IndexOf(long pts)
    {
        Rational rate = Video.FrameRate, tb = Video.TimeBase;
        if (!rate.IsValid || !tb.IsValid) return 0;
        return (long)Math.Round((pts - Video.StartPts) * tb.ToDouble() * rate.ToDouble());
    }

    /// <summary>
    /// Positions the reader so the next frame is the first one shown at or after <paramref name="time"/>
    /// (measured from the start of the stream): seeks to the key frame before it and decodes forward.
    /// </summary>
    public void Seek(TimeSpan time)
    {
        if (time < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(time), time, "Seek time must not be negative.");
        long target = Video.StartPts + (long)Math.Round(time.TotalSeconds / Video.TimeBase.ToDouble());
        SeekToPts(target);
    }

    /// <summary>Positions the reader so the next frame is frame <paramref name="index"/> (0-based, constant frame rate assumed).</summary>
    public void SeekToFrame(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Half a frame early so rounding in the container's timestamps cannot skip the wanted frame.
        long target = PtsOf(index);
        long halfFrame = (PtsOf(index + 1) - target) / 2;
        SeekToPts(target - halfFrame);
    }

    private void SeekToPts(long target)
    {
        lock (_readGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            int result = FFmpegApi.av_seek_frame(_format.Pointer, _videoIndex, target, 1 /* AVSEEK_FLAG_BACKWARD */);
            if (result < 0)
            {
                // Some files (no index) refuse a backward seek near the start; the start itself always works.
                result = FFmpegApi.av_seek_frame(_format.Pointer, _videoIndex, Video.StartPts, 1);
                if (result < 0) throw FFmpegErrors.Create("Seeking", result, Path);
            }
            _decoder.Flush();
            // Only where the decoder knows from the start how far it reorders (from the stream's headers, or from the frames
            // probed when the file was opened): one that learns it from the B-frames it meets would otherwise learn it after
            // the target, and could drop a picture there while it adjusts.
            if (_reorderDepthKnown) _decoder.SkipNonReferenceBefore(target);
            _seeked = true;
            _dropBeforePts = target;
        }
    }

    /// <summary>
    /// Decodes frames on a dedicated thread, up to <see cref="OvniConfiguration.PipelineDepth"/> ahead of the consumer.
    /// Each frame belongs to the consumer, who disposes it. Breaking out of the loop stops decoding promptly.
    /// </summary>
    public async IAsyncEnumerable<GpuFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<GpuFrame>(new BoundedChannelOptions(Math.Max(1, _configuration.PipelineDepth))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = Task.Factory.StartNew(() => Produce(channel.Writer, stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (GpuFrame frame in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return frame;
            await producer.ConfigureAwait(false); // surfaces decode errors
        }
        finally
        {
            stop.Cancel();
            try { await producer.ConfigureAwait(false); } catch { /* already surfaced or cancelled */ }
            while (channel.Reader.TryRead(out GpuFrame? leftover)) leftover.Dispose();
        }
    }

    private void Produce(ChannelWriter<GpuFrame> writer, CancellationToken token)
    {
        Exception? error = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                GpuFrame? frame = ReadFrame();
                if (frame is null) break;
                if (!TryWrite(writer, frame, token))
                {
                    frame.Dispose();
                    break;
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        writer.TryComplete(error);
        if (error is not null) throw error;
    }

    private static bool TryWrite(ChannelWriter<GpuFrame> writer, GpuFrame frame, CancellationToken token)
    {
        if (writer.TryWrite(frame)) return true;
        try
        {
            ValueTask<bool> wait = writer.WaitToWriteAsync(token);
            bool open = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
            return open && writer.TryWrite(frame);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Closes the decoder and the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_readGate)
        {
            _decoder.Dispose();
            _format.Dispose();
        }
        _inputLease?.Dispose();
        _logRoute.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
