using System.Runtime.CompilerServices;
using Ovni.Operations;

namespace Ovni;

// Stream forms of ConvertTo and Fit, and timestamps restarted at zero. A conversion keeps one libswscale context for
// the whole stream and frees it when the enumeration ends, however it ends.
public static partial class StreamOperations
{
    /// <summary>
    /// Each frame as <paramref name="format"/> (see <see cref="FrameOperations.ConvertTo"/>); frames already in it pass
    /// through untouched. Input frames are owned.
    /// </summary>
    public static IAsyncEnumerable<GpuFrame> ConvertTo(this IAsyncEnumerable<GpuFrame> frames, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return ConvertCore(frames, format);
    }

    private static async IAsyncEnumerable<GpuFrame> ConvertCore(IAsyncEnumerable<GpuFrame> frames, PixelFormat format,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var converter = new PixelFormatConverter();
        await foreach (GpuFrame frame in frames.Apply(f => f.Format == format ? f : converter.Convert(f, format), cancellationToken).ConfigureAwait(false))
            yield return frame;
    }

    /// <summary>
    /// Each frame fitted into a <paramref name="width"/> x <paramref name="height"/> canvas (see
    /// <see cref="FrameOperations.Fit"/>); frames already of that size pass through untouched. Input frames are owned.
    /// </summary>
    public static IAsyncEnumerable<GpuFrame> Fit(this IAsyncEnumerable<GpuFrame> frames, int width, int height, FitMode mode = FitMode.Pad,
        RgbaColor? background = null, ScaleFilter filter = ScaleFilter.Bicubic)
    {
        RgbaColor colour = background ?? RgbaColor.Black;
        return frames.Apply(f => f.Width == width && f.Height == height && Enum.IsDefined(mode) ? f : FitOperation.Apply(f, width, height, mode, colour, filter));
    }

    /// <summary>
    /// The stream restarted at zero: the first frame gets timestamp 0 and every later frame keeps its distance to it
    /// (ffmpeg's setpts=PTS-STARTPTS), so keyframes, captions and transitions further on run on the output's timeline.
    /// <see cref="Trim"/> already does this unless told to keep source time. Frames are passed on, not copied.
    /// </summary>
    public static IAsyncEnumerable<GpuFrame> ResetTimestamps(this IAsyncEnumerable<GpuFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return ResetCore(frames);
    }

    private static async IAsyncEnumerable<GpuFrame> ResetCore(IAsyncEnumerable<GpuFrame> frames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var origin = new TimeOrigin(keepSourceTime: false);
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            origin.Apply(frame);
            yield return frame;
        }
    }
}
