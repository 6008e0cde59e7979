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
    /// <exception cref="OvniException">A file is missing, not media, or has no video.</exception>
    public static async Task<QualityResult> ScoreFilesAsync(string referencePath, string distortedPath, QualityOptions options,
        int distortedOffset = 0, IProgress<QualityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using MediaReader reference = MediaReader.Open(referencePath);
        await using MediaReader distorted = MediaReader.Open(distortedPath);
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
                using GpuFrame refFrame = refFrames.Current;
                using GpuFrame distFrame = distFrames.Current;
                GpuFrame? refConverted = NeedsConversion(refFrame, scoringFormat, refVideo) ? refConverter.Convert(refFrame) : null;
                GpuFrame? distConverted = NeedsConversion(distFrame, scoringFormat, refVideo) ? distConverter.Convert(distFrame) : null;
                try
                {
                    Add(scorer, refConverted ?? refFrame, distConverted ?? distFrame, format.BitDepth);
                }
                finally
                {
                    refConverted?.Dispose();
                    distConverted?.Dispose();
                }
                pairs++;
                progress?.Report(new QualityProgress(pairs, total > 0 ? total : null));
            }
            if (refMore) refFrames.Current.Dispose();
            if (distMore) distFrames.Current.Dispose();
            int refCount = pairs + (refMore ? 1 : 0), distCount = pairs + (distMore ? 1 : 0);
            if (refMore || distMore)
                options.Logger?.LogWarning("Frame counts differ: {Longer} has more frames than {Shorter}; scored the first {Count} pairs.",
                    refMore ? referencePath : distortedPath, refMore ? distortedPath : referencePath, pairs);
            QualityResult result = await scorer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return result with { ReferenceFrameCount = refCount, DistortedFrameCount = distCount };
        }
    }

    private static void Add(QualityScorer scorer, GpuFrame reference, GpuFrame distorted, int bitDepth)
    {
        if (bitDepth > 8)
            scorer.Add(new YuvPlanes<ushort>(reference.GetPlane<ushort>(0), reference.GetPlane<ushort>(1), reference.GetPlane<ushort>(2)),
                new YuvPlanes<ushort>(distorted.GetPlane<ushort>(0), distorted.GetPlane<ushort>(1), distorted.GetPlane<ushort>(2)));
        else
            scorer.Add(new YuvPlanes<byte>(reference.GetPlane<byte>(0), reference.GetPlane<byte>(1), reference.GetPlane<byte>(2)),
                new YuvPlanes<byte>(distorted.GetPlane<byte>(0), distorted.GetPlane<byte>(1), distorted.GetPlane<byte>(2)));
    }

    private static bool NeedsConversion(GpuFrame frame, PixelFormat format, VideoStreamInfo reference) =>
        frame.Format != format || frame.Width != reference.Width || frame.Height != reference.Height;

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
