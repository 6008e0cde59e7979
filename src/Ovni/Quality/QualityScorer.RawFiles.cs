// Scoring raw planar .yuv files (as ffmpeg -f rawvideo writes them, and as libvmaf's own tools read them): both files
// are read a frame at a time and sliced into plane views.
using System.Diagnostics;
using System.Runtime.InteropServices;
using CommunityToolkit.HighPerformance;
using Microsoft.Extensions.Logging;

namespace Ovni.Quality;

public sealed partial class QualityScorer
{
    /// <summary>
    /// Scores two raw planar .yuv files (as written by <c>ffmpeg -f rawvideo</c>). When their frame counts differ,
    /// the first min(count) frames are scored, a warning is logged and <see cref="QualityResult.FrameCountMismatch"/> is set.
    /// </summary>
    /// <param name="referencePath">The reference .yuv file.</param>
    /// <param name="distortedPath">The distorted .yuv file.</param>
    /// <param name="width">Luma width of both files' frames.</param>
    /// <param name="height">Luma height of both files' frames.</param>
    /// <param name="format">Their planar layout: yuv420p, yuv420p10, yuv420p12, yuv422p, yuv422p10, yuv444p or yuv444p10 (above 8 bits, 16-bit little-endian words).</param>
    /// <param name="options">What to compute; defaults when null.</param>
    /// <param name="progress">Receives the frame pairs scored and the pairs to score (<see cref="PipelineProgress.Position"/> stays zero: raw frames carry no time).</param>
    /// <param name="cancellationToken">Stops scoring.</param>
    /// <exception cref="OvniException">A file cannot be read, or the format is not planar YUV.</exception>
    public static Task<QualityResult> ScoreRawFilesAsync(string referencePath, string distortedPath, int width, int height, PixelFormat format,
        QualityOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ScoreRawFilesAsync(referencePath, distortedPath, YuvFormat.Of(width, height, format), options, progress, cancellationToken);

    /// <summary>Scores two raw planar .yuv files of <paramref name="format"/>'s geometry.</summary>
    internal static async Task<QualityResult> ScoreRawFilesAsync(string referencePath, string distortedPath, YuvFormat format,
        QualityOptions? options = null, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        format.Validate();
        options ??= new QualityOptions();
        using var reference = OpenRaw(referencePath);
        using var distorted = OpenRaw(distortedPath);
        long frameBytes = format.FrameBytes;
        int refFrames = (int)(reference.Length / frameBytes), distFrames = (int)(distorted.Length / frameBytes);
        int count = Math.Min(refFrames, distFrames);
        if (reference.Length % frameBytes != 0 || distorted.Length % frameBytes != 0)
            options.ConfigurationOrDefault.Logger.LogWarning("A raw file does not hold a whole number of {Width}x{Height} frames; the partial last frame is ignored.",
                format.Width, format.Height);
        if (refFrames != distFrames)
            options.ConfigurationOrDefault.Logger.LogWarning("Frame counts differ: {Reference} has {RefFrames} frames, {Distorted} has {DistFrames}; scoring the first {Count}.",
                referencePath, refFrames, distortedPath, distFrames, count);

        var refBuffer = new byte[frameBytes];
        var distBuffer = new byte[frameBytes];
        var scorer = new QualityScorer(format, options);
        long started = Stopwatch.GetTimestamp();
        await using (scorer.ConfigureAwait(false))
        {
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ReadFrameAsync(reference, refBuffer, referencePath, cancellationToken).ConfigureAwait(false);
                await ReadFrameAsync(distorted, distBuffer, distortedPath, cancellationToken).ConfigureAwait(false);
                scorer.AddRaw(refBuffer, distBuffer);
                progress?.Report(new PipelineProgress(i + 1, count, Stopwatch.GetElapsedTime(started), TimeSpan.Zero));
            }
            var result = await scorer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return result with { ReferenceFrameCount = refFrames, DistortedFrameCount = distFrames };
        }
    }

    private static FileStream OpenRaw(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot open raw video '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    private static async Task ReadFrameAsync(FileStream stream, byte[] buffer, string path, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException)
        {
            throw new OvniException($"Cannot read a frame from '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    // Slices a raw planar frame into plane views and adds it.
    internal void AddRaw(byte[] referenceFrame, byte[] distortedFrame)
    {
        int w = _format.Width, h = _format.Height, cw = _format.ChromaWidth, ch = _format.ChromaHeight;
        if (_format.BitDepth == 8)
        {
            Add(Planes8(referenceFrame, w, h, cw, ch), Planes8(distortedFrame, w, h, cw, ch));
        }
        else
        {
            Add(Planes16(referenceFrame, w, h, cw, ch), Planes16(distortedFrame, w, h, cw, ch));
        }
    }

    private static YuvPlanes<byte> Planes8(byte[] frame, int w, int h, int cw, int ch) => new(
        new ReadOnlySpan2D<byte>(frame, 0, h, w, 0),
        new ReadOnlySpan2D<byte>(frame, w * h, ch, cw, 0),
        new ReadOnlySpan2D<byte>(frame, w * h + cw * ch, ch, cw, 0));

    private static YuvPlanes<ushort> Planes16(byte[] frame, int w, int h, int cw, int ch)
    {
        var samples = MemoryMarshal.Cast<byte, ushort>(frame.AsSpan());
        return new YuvPlanes<ushort>(
            ReadOnlySpan2D<ushort>.DangerousCreate(samples[0], h, w, 0),
            ReadOnlySpan2D<ushort>.DangerousCreate(samples[w * h], ch, cw, 0),
            ReadOnlySpan2D<ushort>.DangerousCreate(samples[w * h + cw * ch], ch, cw, 0));
    }
}
