using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;
using Microsoft.Extensions.Logging;

namespace Ovni.Quality;

// Scoring media files: both are decoded by MediaReader on their own threads while the scorer works,
// the distorted video is brought to the reference's size (bicubic, as ffmpeg users do before libvmaf)
// and pixel format, and frames are paired in order.
public sealed partial class QualityScorer
{
    /// <summary>
    /// Scores <paramref name="distortedPath"/> against <paramref name="referencePath"/>. Frames are paired in
    /// decode order after skipping <paramref name="distortedOffset"/> frames of the distorted file (negative: of the
    /// reference). When the files have different lengths, the shorter decides, a warning is logged and
    /// <see cref="QualityResult.FrameCountMismatch"/> is set.
    /// </summary>
    /// <exception cref="OvniException">A file is missing, not media, or has no video; or the configuration asks for a CUDA device that is not there.</exception>
    public static async Task<QualityResult> ScoreFilesAsync(string referencePath, string distortedPath, QualityOptions? options = null,
        int distortedOffset = 0, IProgress<QualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new QualityOptions();
        ComputeDevice selected = ComputeDevice.Select(options.ConfigurationOrDefault);
        ComputeDevice? device = selected.Kind == DeviceKind.Cuda ? selected : null;
        var readerOptions = new MediaReaderOptions { Device = selected, Configuration = options.ConfigurationOrDefault };
        await using MediaReader reference = MediaReader.Open(referencePath, readerOptions);
        await using MediaReader distorted = MediaReader.Open(distortedPath, readerOptions);
        VideoStreamInfo refVideo = reference.Video;
        PixelFormat scoringFormat = ScoringFormat(refVideo);
        var format = new YuvFormat(refVideo.Width, refVideo.Height, PixelFormatInfo.Get(scoringFormat).BitDepth, Subsampling(scoringFormat));
        using var refConverter = new FrameConverter(scoringFormat);
        using var distConverter = new FrameConverter(scoringFormat, refVideo.Width, refVideo.Height, accurateRounding: false);
        int total = (int)Math.Max(0, Math.Min(refVideo.EstimatedFrameCount - Math.Max(0, -distortedOffset),
            distorted.Video.EstimatedFrameCount - Math.Max(0, distortedOffset)));

        var scorer = new QualityScorer(format, options);
        await using (scorer.ConfigureAwait(false))
        {
            await using IAsyncEnumerator<GpuFrame> refFrames = Skip(reference.ReadFramesAsync(cancellationToken), Math.Max(0, -distortedOffset), cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using IAsyncEnumerator<GpuFrame> distFrames = Skip(distorted.ReadFramesAsync(cancellationToken), Math.Max(0, distortedOffset), cancellationToken).GetAsyncEnumerator(cancellationToken);
            int pairs = 0;
            bool refMore, distMore;
            while (true)
            {
                refMore = await refFrames.MoveNextAsync().ConfigureAwait(false);
                distMore = await distFrames.MoveNextAsync().ConfigureAwait(false);
                if (!refMore || !distMore) break;
                using GpuFrame refFrame = Prepare(refFrames.Current, refConverter, scoringFormat, refVideo, device);
                using GpuFrame distFrame = Prepare(distFrames.Current, distConverter, scoringFormat, refVideo, device);
                scorer.Add(refFrame, distFrame);
                pairs++;
                progress?.Report(new QualityProgress(pairs, total > 0 ? total : null));
            }
            if (refMore) refFrames.Current.Dispose();
            if (distMore) distFrames.Current.Dispose();
            int refCount = pairs + (refMore ? 1 : 0), distCount = pairs + (distMore ? 1 : 0);
            if (refMore || distMore)
                options.ConfigurationOrDefault.Logger.LogWarning("Frame counts differ: {Longer} has more frames than {Shorter}; scored the first {Count} pairs.",
                    refMore ? referencePath : distortedPath, refMore ? distortedPath : referencePath, pairs);
            QualityResult result = await scorer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return result with { ReferenceFrameCount = refCount, DistortedFrameCount = distCount };
        }
    }

    /// <summary>
    /// A decoded frame (disposed here) as the scorer takes it: on the CPU in the scoring layout at the reference's size;
    /// on a CUDA device as it is when the decoder put it there at that size, else converted on the host and uploaded.
    /// </summary>
    private static GpuFrame Prepare(GpuFrame decoded, FrameConverter converter, PixelFormat format, VideoStreamInfo reference, ComputeDevice? device)
    {
        using (decoded)
        {
            bool sized = decoded.Width == reference.Width && decoded.Height == reference.Height;
            if (device is not null && decoded.Device == device && sized) return decoded.Share();
            using GpuFrame host = decoded.Device.Kind == DeviceKind.Cpu ? decoded.Share() : decoded.Download();
            using GpuFrame converted = host.Format != format || !sized ? converter.Convert(host) : host.Share();
            return device is null ? converted.Share() : converted.ToDevice(device);
        }
    }

    /// <summary>The reference's own planar YUV layout when it has one, else 4:2:0 at its bit depth.</summary>
    private static PixelFormat ScoringFormat(VideoStreamInfo video) => video.PixelFormat switch
    {
        PixelFormat.Yuv420P or PixelFormat.Yuv422P or PixelFormat.Yuv444P or PixelFormat.Yuv420P10
            or PixelFormat.Yuv422P10 or PixelFormat.Yuv444P10 or PixelFormat.Yuv420P12 => video.PixelFormat,
        PixelFormat.Yuvj420P => PixelFormat.Yuv420P,
        PixelFormat.Yuvj422P => PixelFormat.Yuv422P,
        PixelFormat.Yuvj444P => PixelFormat.Yuv444P,
        _ => video.BitDepth > 8 ? PixelFormat.Yuv420P10 : PixelFormat.Yuv420P,
    };

    private static ChromaSubsampling Subsampling(PixelFormat format) => format switch
    {
        PixelFormat.Yuv422P or PixelFormat.Yuv422P10 => ChromaSubsampling.Yuv422,
        PixelFormat.Yuv444P or PixelFormat.Yuv444P10 => ChromaSubsampling.Yuv444,
        _ => ChromaSubsampling.Yuv420,
    };

    private static async IAsyncEnumerable<GpuFrame> Skip(IAsyncEnumerable<GpuFrame> frames, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int skipped = 0;
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (skipped < count)
            {
                skipped++;
                frame.Dispose();
                continue;
            }
            yield return frame;
        }
    }
}
