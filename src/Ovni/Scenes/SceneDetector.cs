using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Ovni.Scenes;

/// <summary>
/// Finds scene boundaries (hard cuts and fades through black) in a video. Each frame's luma is reduced to a coarse grid of
/// block means; a frame starts a new scene when its difference to the frame before stands out from its neighbours'
/// (an adaptive threshold, as PySceneDetect's AdaptiveDetector), is not a flash (what came before comes back within three
/// frames), and the scene before is at least <see cref="SceneDetectionOptions.MinimumSceneLength"/> long. Files are
/// decoded fast (no in-loop deblocking, reduced resolution where the decoder supports it), so detection costs less than
/// a plain decode of the file.
/// </summary>
/// <example>
/// <code>
/// SceneDetectionResult result = await SceneDetector.DetectAsync("film.mkv", cancellationToken: ct);
/// foreach (Scene scene in result.Scenes) Console.WriteLine($"{scene.Start} +{scene.Duration}");
/// </code>
/// </example>
public static class SceneDetector
{
    // Decoders with a reduced-resolution mode (FFmpeg's max_lowres > 0); the others ignore lowres.
    private static readonly HashSet<string> s_lowresCodecs = ["mpeg1video", "mpeg2video", "mpeg4", "h263", "h263p", "mjpeg", "msmpeg4v3", "wmv2"];

    /// <summary>Detects the scenes of a file's video stream.</summary>
    /// <param name="path">The media file.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <param name="progress">Receives the frames analysed so far, the total when known, the time taken and the last frame's timestamp.</param>
    /// <param name="cancellationToken">Stops decoding.</param>
    /// <exception cref="OvniException">The file is missing, not media, has no video, or cannot be decoded.</exception>
    public static async Task<SceneDetectionResult> DetectAsync(string path, SceneDetectionOptions? options = null,
        IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new SceneDetectionOptions();
        options.Validate();
        MediaInfo info = MediaReader.Probe(path);
        if (info.Video is null) throw new OvniException($"'{path}' has no video stream, so it has no scenes.") { FilePath = path };
        var decoderOptions = new Dictionary<string, string>();
        if (options.FastDecode)
        {
            decoderOptions["skip_loop_filter"] = "all";
            if (s_lowresCodecs.Contains(info.Video.Codec)) decoderOptions["lowres"] = info.Video.Width >= 1280 ? "2" : "1";
        }
        await using MediaReader reader = MediaReader.Open(path, new MediaReaderOptions { Threads = options.DecoderThreads, DecoderOptions = decoderOptions });
        return await DetectAsync(reader.ReadFramesAsync(cancellationToken), options, reader.Video.EstimatedFrameCount, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Detects the scenes of a frame stream (host frames in any YUV layout; frames on a CUDA device are downloaded).
    /// Every frame is disposed. Frame indexes in the result count from the first frame of the stream.
    /// </summary>
    /// <param name="frames">Frames in presentation order.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <param name="totalFrames">Frames expected, for progress only (0 = unknown).</param>
    /// <param name="progress">Receives the frames analysed so far, the total when known, the time taken and the last frame's timestamp.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<SceneDetectionResult> DetectAsync(IAsyncEnumerable<GpuFrame> frames, SceneDetectionOptions? options = null,
        long totalFrames = 0, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        options ??= new SceneDetectionOptions();
        options.Validate();
        var analyzer = new SceneAnalyzer();
        FrameConverter? converter = null;
        long started = Stopwatch.GetTimestamp();
        TimeSpan position = TimeSpan.Zero;
        try
        {
            await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    position = frame.Timestamp;
                    if (frame.Device.Kind != DeviceKind.Cpu)
                    {
                        using GpuFrame host = frame.Download();
                        AddHost(analyzer, host, ref converter);
                    }
                    else
                    {
                        AddHost(analyzer, frame, ref converter);
                    }
                }
                if (progress is not null && analyzer.FrameCount % 25 == 0) progress.Report(new PipelineProgress(analyzer.FrameCount, totalFrames, Stopwatch.GetElapsedTime(started), position));
            }
        }
        finally
        {
            converter?.Dispose();
        }
        progress?.Report(new PipelineProgress(analyzer.FrameCount, totalFrames, Stopwatch.GetElapsedTime(started), position));
        SceneDetectionResult result = analyzer.Decide(options);
        OvniConfiguration.Default.Logger.LogDebug("Scene detection: {Frames} frames, {Cuts} boundaries.", result.FrameCount, result.Cuts.Count);
        return result;
    }

    private static void AddHost(SceneAnalyzer analyzer, GpuFrame frame, ref FrameConverter? converter)
    {
        bool readable = frame.Format is PixelFormat.Yuv420P or PixelFormat.Yuvj420P or PixelFormat.Nv12 or PixelFormat.Yuv422P or PixelFormat.Yuvj422P
            or PixelFormat.Yuv444P or PixelFormat.Yuvj444P or PixelFormat.Gray8 or PixelFormat.Yuv420P10 or PixelFormat.Yuv420P12 or PixelFormat.P010
            or PixelFormat.Yuv422P10 or PixelFormat.Yuv444P10;
        if (readable)
        {
            analyzer.Add(frame);
            return;
        }
        converter ??= new FrameConverter(PixelFormat.Yuv420P);
        using GpuFrame converted = converter.Convert(frame);
        converted.Pts = frame.Pts;
        converted.TimeBase = frame.TimeBase;
        analyzer.Add(converted);
    }
}
