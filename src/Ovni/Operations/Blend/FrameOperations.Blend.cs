// Transitions and simple drawing: cross-fade two frames, fade to a colour, filled rectangles, vignette.
using System.Drawing;
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// In place: frame = (frame x (256 - w) + other x w + 128) &gt;&gt; 8 per sample, w = round(<paramref name="weight"/> x 256)
    /// (0 keeps the frame exactly, 1 gives the other exactly). P010 mixes the 10-bit values. Both frames must have the
    /// same format, size and device; <paramref name="other"/> is not changed.
    /// </summary>
    /// <exception cref="OvniException">Different devices, formats or sizes.</exception>
    public static GpuFrame CrossFade(this GpuFrame frame, GpuFrame other, OperationValue<double> weight) =>
        CrossFadeOperation.Apply(frame, other, weight);

    /// <summary>Same as <see cref="CrossFade"/> (named after FFmpeg's blend filter).</summary>
    public static GpuFrame Blend(this GpuFrame frame, GpuFrame other, OperationValue<double> weight) => CrossFade(frame, other, weight);

    /// <summary>
    /// In place: moves every sample towards <paramref name="color"/> (its Y, U, V under the frame's matrix and range,
    /// rounded to 8-bit code values) by <paramref name="amount"/> (0 = unchanged, 1 = solid colour, 1/256 steps).
    /// The colour's alpha is ignored. 8-bit formats.
    /// </summary>
    public static GpuFrame Fade(this GpuFrame frame, RgbaColor color, OperationValue<double> amount) =>
        FadeOperation.Apply(frame, color, amount);

    /// <summary>
    /// In place: blends <paramref name="color"/> with alpha A + (A &gt;&gt; 7) (0..256, as Overlay) over <paramref name="rect"/> (luma pixels, clipped to
    /// the frame). Chroma of subsampled formats is blended over every chroma sample the rectangle touches. 8-bit YUV.
    /// </summary>
    public static GpuFrame DrawRect(this GpuFrame frame, OperationValue<Rectangle> rect, RgbaColor color) =>
        FillRectOperation.Apply(frame, rect, color);

    /// <summary>In place: the whole frame becomes <paramref name="color"/> (opaque; alpha ignored).</summary>
    public static GpuFrame Fill(this GpuFrame frame, RgbaColor color) =>
        DrawRect(frame, new Rectangle(0, 0, frame.Width, frame.Height), color with { A = 255 });

    /// <summary>
    /// In place: darkens luma towards black and desaturates chroma towards grey with distance from the centre:
    /// with q = normalised squared distance (0 at the centre, 255 in the corners) each sample keeps
    /// 1 - <paramref name="strength"/> x (q/256)² of its distance to black/grey. 8-bit YUV.
    /// </summary>
    public static GpuFrame Vignette(this GpuFrame frame, OperationValue<double> strength) =>
        VignetteOperation.Apply(frame, strength);
}
