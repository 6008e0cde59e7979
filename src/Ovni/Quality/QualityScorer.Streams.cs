using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Ovni.Devices.Cuda;

namespace Ovni.Quality;

// Scoring two decoded frame streams: frames are paired by QualityOptions.Alignment (FrameAligner), the distorted frame
// is brought to the reference's size and scoring layout, and the scorer is created from the first reference frame.
public sealed partial class QualityScorer
{
    /// <summary>
    /// Scores a distorted frame stream against a reference frame stream (e.g. from <see cref="MediaReader.ReadFramesAsync"/>,
    /// trimmed or seeked to a range). Frames are paired by <see cref="QualityOptions.Alignment"/> (by presentation time unless
    /// told otherwise); what pairing did is in <see cref="QualityResult.Alignment"/>. Distorted frames of another size are
    /// scaled to the reference's (bicubic). Both streams are read to their end and every frame is disposed.
    /// </summary>
    /// <param name="reference">Reference frames in decode order.</param>
    /// <param name="distorted">Distorted frames in decode order.</param>
    /// <param name="options">What to compute; <see cref="QualityOptions.Alignment"/> chooses the pairing.</param>
    /// <param name="referenceFrameRate">The reference's nominal frame rate (half a frame is the pairing tolerance); measured from the frames when not valid.</param>
    /// <param name="expectedPairs">Pairs expected, for progress only (0 = unknown).</param>
    /// <param name="progress">Receives the pairs scored, the pairs expected (0 when unknown), the time taken and the last reference frame's timestamp.</param>
    /// <param name="cancellationToken">Stops scoring.</param>
    /// <exception cref="OvniException">A frame could not be decoded or scored.</exception>
    public static async Task<QualityResult> ScoreStreamsAsync(IAsyncEnumerable<GpuFrame> reference, IAsyncEnumerable<GpuFrame> distorted,
        QualityOptions options, Rational referenceFrameRate = default, int expectedPairs = 0, IProgress<PipelineProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(distorted);
        ArgumentNullException.ThrowIfNull(options);
        ComputeDevice selected = ComputeDevice.Select(options.ConfigurationOrDefault);
        ComputeDevice? device = selected.Kind == DeviceKind.Cuda ? selected : null;
        FrameConverter? refConverter = null, distConverter = null;
        QualityScorer? scorer = null;
        PixelFormat scoringFormat = PixelFormat.Other;
        int width = 0, height = 0;
        // Both sides full range: their code values are compared as they are (libvmaf on raw planes). Otherwise a full-range
        // ("j") frame on either side is brought to limited range like the other. The aligner reads the first distorted
        // frame before it prepares the first reference frame, so its range is known by then.
        bool? distortedFullRange = null;
        bool fullRangeCodes = false;
        GpuFrame PrepareReference(GpuFrame frame)
        {
            if (scorer is null)
            {
                width = frame.Width;
                height = frame.Height;
                scoringFormat = ScoringFormat(frame.Format, frame.FormatInfo.BitDepth);
                fullRangeCodes = FullRangeFormats.IsFullRange(frame) && distortedFullRange == true;
                refConverter = new FrameConverter(scoringFormat);
                distConverter = new FrameConverter(scoringFormat, width, height, accurateRounding: false);
                scorer = new QualityScorer(new YuvFormat(width, height, PixelFormatInfo.Get(scoringFormat).BitDepth, Subsampling(scoringFormat)), options);
            }
            return Prepare(frame, refConverter!, scoringFormat, width, height, device, fullRangeCodes);
        }
        async IAsyncEnumerable<GpuFrame> NotingRange(IAsyncEnumerable<GpuFrame> frames, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (GpuFrame frame in frames.WithCancellation(ct).ConfigureAwait(false))
            {
                distortedFullRange ??= FullRangeFormats.IsFullRange(frame);
                yield return frame;
            }
        }

        double frameDuration = referenceFrameRate.IsValid ? 1.0 / referenceFrameRate.ToDouble() : 0;
        await using IAsyncEnumerator<GpuFrame> refFrames = reference.GetAsyncEnumerator(cancellationToken);
        await using IAsyncEnumerator<GpuFrame> distFrames = NotingRange(distorted, cancellationToken).GetAsyncEnumerator(cancellationToken);
        using var aligner = new FrameAligner(options.Alignment, refFrames, distFrames, frameDuration, PrepareReference);
        try
        {
            int pairs = 0;
            long started = Stopwatch.GetTimestamp();
            while (await aligner.MoveNextAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                GpuFrame referenceFrame = aligner.Reference;
                using GpuFrame distFrame = Prepare(aligner.Distorted, distConverter!, scoringFormat, width, height, device, fullRangeCodes);
                scorer!.Add(referenceFrame, distFrame);
                progress?.Report(new PipelineProgress(++pairs, Math.Max(0, expectedPairs), Stopwatch.GetElapsedTime(started), referenceFrame.Timestamp));
            }
            AlignmentReport report = aligner.Report;
            if (!report.IsClean)
                options.ConfigurationOrDefault.Logger.LogWarning("Frame pairing: {Report}.", report.Describe());
            QualityResult result = scorer is null
                ? new QualityResult { Frames = [], Pooled = new Dictionary<string, PooledScore>() }
                : await scorer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return result with { ReferenceFrameCount = aligner.ReferenceFramesRead, DistortedFrameCount = aligner.DistortedFramesRead, Alignment = report };
        }
        finally
        {
            if (scorer is not null) await scorer.DisposeAsync().ConfigureAwait(false);
            refConverter?.Dispose();
            distConverter?.Dispose();
        }
    }

    /// <summary>The planar layout a decoded format is scored in: its own when planar YUV, else 4:2:0 at its bit depth.</summary>
    private static PixelFormat ScoringFormat(PixelFormat format, int bitDepth) => format switch
    {
        PixelFormat.Yuv420P or PixelFormat.Yuv422P or PixelFormat.Yuv444P or PixelFormat.Yuv420P10
            or PixelFormat.Yuv422P10 or PixelFormat.Yuv444P10 or PixelFormat.Yuv420P12 => format,
        _ when FullRangeFormats.Contains(format) => FullRangeFormats.Plain(format),
        _ => bitDepth > 8 ? PixelFormat.Yuv420P10 : PixelFormat.Yuv420P,
    };
}
