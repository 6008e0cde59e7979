// Why: pipelines are IAsyncEnumerable<GpuFrame>; these adapters apply an operation to every frame, taking ownership
// of each input frame and disposing what an operation replaces, so a chain of them never leaks a pooled frame.
using System.Drawing;
using System.Runtime.CompilerServices;
using Ovni.Operations;

namespace Ovni;

/// <summary>
/// Operations on streams of frames: every <see cref="FrameOperations"/> operation applied to each frame (parameters
/// evaluated at each frame's timestamp), and the sequence operations (<c>Trim</c>, <c>Concat</c>, <c>CrossFadeInto</c>,
/// <c>ChangeFrameRate</c>, <c>PictureInPicture</c>, <c>Captions</c>). Input frames are owned: each is disposed when an
/// operation replaces it.
/// </summary>
public static partial class StreamOperations
{
    /// <summary>Applies <paramref name="operation"/> to each frame. Input frames are owned: when the operation returns
    /// a different frame the input is disposed; if it throws, the input is disposed and the exception propagates.</summary>
    public static async IAsyncEnumerable<GpuFrame> Apply(this IAsyncEnumerable<GpuFrame> frames, Func<GpuFrame, GpuFrame> operation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(operation);
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            GpuFrame result;
            try
            {
                result = operation(frame);
            }
            catch
            {
                frame.Dispose();
                throw;
            }
            if (!ReferenceEquals(result, frame)) frame.Dispose();
            yield return result;
        }
    }

    /// <summary>Each frame as RGBA (see <see cref="FrameOperations.ToRgba(GpuFrame)"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> ToRgba(this IAsyncEnumerable<GpuFrame> frames) => frames.Apply(static f => f.ToRgba());

    /// <summary>Each RGBA frame as <paramref name="format"/> (see <see cref="FrameOperations.FromRgba"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> FromRgba(this IAsyncEnumerable<GpuFrame> frames, PixelFormat format, ColorInfo? color = null) =>
        frames.Apply(f => f.FromRgba(format, color));

    /// <summary>Each frame resized (see <see cref="FrameOperations.Scale"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> Scale(this IAsyncEnumerable<GpuFrame> frames, int width, int height, ScaleFilter filter = ScaleFilter.Bicubic) =>
        frames.Apply(f => f.Scale(width, height, filter));

    /// <summary>Each frame cropped (see <see cref="FrameOperations.Crop"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> Crop(this IAsyncEnumerable<GpuFrame> frames, Rectangle rect) => frames.Apply(f => f.Crop(rect));

    /// <summary>Each frame on a larger canvas (see <see cref="FrameOperations.Pad"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> Pad(this IAsyncEnumerable<GpuFrame> frames, int width, int height, int x, int y, RgbaColor color) =>
        frames.Apply(f => f.Pad(width, height, x, y, color));

    /// <summary>Each frame transformed (see <see cref="FrameOperations.Transform"/>); the transform may be animated.</summary>
    public static IAsyncEnumerable<GpuFrame> Transform(this IAsyncEnumerable<GpuFrame> frames, OperationValue<FrameTransform> transform,
        RgbaColor? background = null) =>
        frames.Apply(f => f.Transform(transform.At(f), background));

    /// <summary>An RGBA overlay on each frame (see <see cref="FrameOperations.Overlay"/>); the overlay stays the caller's.</summary>
    public static IAsyncEnumerable<GpuFrame> Overlay(this IAsyncEnumerable<GpuFrame> frames, GpuFrame overlay, OperationValue<double> x,
        OperationValue<double> y, OperationValue<double>? opacity = null, bool premultiplied = false) =>
        frames.Apply(f => f.Overlay(overlay, x, y, opacity, premultiplied));

    /// <summary>Each frame cross-faded towards a still frame (see <see cref="FrameOperations.CrossFade"/>); the still frame stays the caller's.</summary>
    public static IAsyncEnumerable<GpuFrame> CrossFade(this IAsyncEnumerable<GpuFrame> frames, GpuFrame other, OperationValue<double> weight) =>
        frames.Apply(f => f.CrossFade(other, weight));

    /// <summary>Same as <see cref="CrossFade"/> (named after FFmpeg's blend filter).</summary>
    public static IAsyncEnumerable<GpuFrame> Blend(this IAsyncEnumerable<GpuFrame> frames, GpuFrame other, OperationValue<double> weight) =>
        frames.CrossFade(other, weight);

    /// <summary>Each frame faded towards a colour (see <see cref="FrameOperations.Fade"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> Fade(this IAsyncEnumerable<GpuFrame> frames, RgbaColor color, OperationValue<double> amount) =>
        frames.Apply(f => f.Fade(color, amount));

    /// <summary>A rectangle on each frame (see <see cref="FrameOperations.DrawRect"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> DrawRect(this IAsyncEnumerable<GpuFrame> frames, OperationValue<Rectangle> rect, RgbaColor color) =>
        frames.Apply(f => f.DrawRect(rect, color));

    /// <summary>Each frame filled with a colour (see <see cref="FrameOperations.Fill"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> Fill(this IAsyncEnumerable<GpuFrame> frames, RgbaColor color) =>
        frames.Apply(f => f.Fill(color));

    /// <summary>Each frame blurred (see <see cref="FrameOperations.GaussianBlur"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> GaussianBlur(this IAsyncEnumerable<GpuFrame> frames, OperationValue<double> sigma) =>
        frames.Apply(f => f.GaussianBlur(sigma));

    /// <summary>A vignette on each frame (see <see cref="FrameOperations.Vignette"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> Vignette(this IAsyncEnumerable<GpuFrame> frames, OperationValue<double> strength) =>
        frames.Apply(f => f.Vignette(strength));

    /// <summary>Natural lens vignetting on each frame (see <see cref="FrameOperations.LensVignette"/>); the angle may be animated.</summary>
    public static IAsyncEnumerable<GpuFrame> LensVignette(this IAsyncEnumerable<GpuFrame> frames, OperationValue<double> angle) =>
        frames.Apply(f => f.LensVignette(angle));

    /// <summary>Rounded-corner alpha on each RGBA frame (see <see cref="FrameOperations.RoundCorners"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> RoundCorners(this IAsyncEnumerable<GpuFrame> frames, OperationValue<int> radius, bool premultiplied = false) =>
        frames.Apply(f => f.RoundCorners(radius, premultiplied));

    /// <summary>Each RGBA frame chroma-keyed (see <see cref="FrameOperations.ChromaKey"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> ChromaKey(this IAsyncEnumerable<GpuFrame> frames, RgbaColor key, OperationValue<double> similarity,
        OperationValue<double> blend) =>
        frames.Apply(f => f.ChromaKey(key, similarity, blend));

    /// <summary>Each YUV frame keyed into RGBA with FFmpeg's chromakey function (see <see cref="FrameOperations.ChromaKeyToRgba"/>).</summary>
    public static IAsyncEnumerable<GpuFrame> ChromaKeyToRgba(this IAsyncEnumerable<GpuFrame> frames, RgbaColor key,
        OperationValue<double> similarity, OperationValue<double> blend) =>
        frames.Apply(f => f.ChromaKeyToRgba(key, similarity, blend));
}
