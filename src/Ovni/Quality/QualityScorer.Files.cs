using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;
using Microsoft.Extensions.Logging;

namespace Ovni.Quality;

// Scoring media files: both are decoded by MediaReader on their own threads while the scorer works,
// the distorted video is brought to the reference's size (bicubic, as ffmpeg users do before libvmaf)
// and pixel format, and frames are paired as QualityOptions.Alignment says (QualityScorer.Streams.cs).
public sealed partial class QualityScorer
{
    /// <summary>
    /// Scores <paramref name="distortedPath"/> against <paramref name="referencePath"/>. Frames are paired as
    /// <see cref="QualityOptions.Alignment"/> says (by presentation time unless told otherwise, as FFmpeg's libvmaf filter
    /// pairs them), after skipping <paramref name="distortedOffset"/> frames of the distorted file (negative: of the
    /// reference). Repeated, dropped and unmatched frames are counted in <see cref="QualityResult.Alignment"/> and logged
    /// as a warning; <see cref="QualityResult.FrameCountMismatch"/> is set when the files have different lengths.
    /// </summary>
    /// <exception cref="OvniException">A file is missing, not media, or has no video; or the configuration asks for a CUDA device that is not there.</exception>
    public static async Task<QualityResult> ScoreFilesAsync(string referencePath, string distortedPath, QualityOptions? options = null,
        int distortedOffset = 0, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new QualityOptions();
        ComputeDevice selected = ComputeDevice.Select(options.ConfigurationOrDefault);
        var readerOptions = new MediaReaderOptions { Device = selected, Configuration = options.ConfigurationOrDefault };
        await using MediaReader reference = MediaReader.Open(referencePath, readerOptions);
        await using MediaReader distorted = MediaReader.Open(distortedPath, readerOptions);
        int total = (int)Math.Max(0, Math.Min(reference.Video.EstimatedFrameCount - Math.Max(0, -distortedOffset),
            distorted.Video.EstimatedFrameCount - Math.Max(0, distortedOffset)));
        return await ScoreStreamsAsync(
            Skip(reference.ReadFramesAsync(cancellationToken), Math.Max(0, -distortedOffset), cancellationToken),
            Skip(distorted.ReadFramesAsync(cancellationToken), Math.Max(0, distortedOffset), cancellationToken),
            options, reference.Video.FrameRate, total, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A decoded frame (disposed here) as the scorer takes it: on the CPU in the scoring layout at the reference's size;
    /// on a CUDA device as it is when the decoder put it there at that size, else converted on the host and uploaded.
    /// A full-range ("j") frame of the scoring layout keeps its code values when <paramref name="keepFullRangeCodes"/> (both
    /// sides are full range: VMAF compares code values, as libvmaf does on raw planes); otherwise the conversion brings it
    /// to limited range, like the other side. (Converting it always squeezed one side of a full-range pair whose other
    /// side was tagged full range in a plain format: an x264 encode at CRF 18 of the shared Sintel clip scored VMAF 76.)
    /// </summary>
    private static GpuFrame Prepare(GpuFrame decoded, FrameConverter converter, PixelFormat format, int width, int height, ComputeDevice? device,
        bool keepFullRangeCodes)
    {
        using (decoded)
        {
            bool sized = decoded.Width == width && decoded.Height == height;
            if (device is not null && decoded.Device == device && sized) return decoded.Share();
            using GpuFrame host = decoded.Device.Kind == DeviceKind.Cpu ? decoded.Share() : decoded.Download();
            bool asIs = sized && (host.Format == format || (keepFullRangeCodes && FullRangeFormats.Plain(host.Format) == format));
            using GpuFrame converted = asIs ? host.Share() : converter.Convert(host);
            return device is null ? converted.Share() : converted.ToDevice(device);
        }
    }

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
