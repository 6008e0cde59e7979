// Compositing an RGBA image (a title, a logo, a rendered caption) onto a video frame, at any real position.
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// In place: blends the RGBA frame <paramref name="overlay"/> (R in the lowest byte) onto a YUV420P or NV12 frame
    /// with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>) in luma pixels, clipped at every edge.
    /// Per pixel alpha = overlay alpha x <paramref name="opacity"/> (0..1, in 1/256 steps); 4:2:0 chroma blends with the
    /// mean alpha of each 2x2 block. Fractional positions shift the overlay bilinearly by the fraction (in 1/256 pixel)
    /// first, so motion is smooth. Values may be animated (evaluated at the frame's timestamp).
    /// </summary>
    /// <param name="frame">The video frame, changed in place and returned.</param>
    /// <param name="overlay">An RGBA frame on the same device.</param>
    /// <param name="x">Left edge in frame pixels (any real value, negative allowed).</param>
    /// <param name="y">Top edge in frame pixels.</param>
    /// <param name="opacity">Global opacity, 0..1 (clamped); null = 1.</param>
    /// <param name="premultiplied">Whether the overlay's colour is premultiplied by its alpha.</param>
    /// <exception cref="OvniException">Wrong formats, or the frames live on different devices.</exception>
    public static GpuFrame Overlay(this GpuFrame frame, GpuFrame overlay, OperationValue<double> x, OperationValue<double> y,
        OperationValue<double>? opacity = null, bool premultiplied = false) =>
        OverlayOperation.Apply(frame, overlay, x, y, opacity, premultiplied);
}
