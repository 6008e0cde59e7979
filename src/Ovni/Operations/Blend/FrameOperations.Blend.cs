// Transitions and simple drawing: cross-fade two frames, fade to a colour, filled rectangles, vignette.
using System.Drawing;
using Ovni.Kernels;

namespace Ovni.Operations;

public static partial class FrameOperations
{
    private static readonly PixelFormat[] s_planar8 =
        [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12, PixelFormat.Yuv444P, PixelFormat.Yuvj444P];

    private static readonly PixelFormat[] s_blendable = [.. s_planar8, PixelFormat.P010];

    /// <summary>
    /// In place: frame = (frame x (256 - w) + other x w + 128) &gt;&gt; 8 per sample, w = round(<paramref name="weight"/> x 256)
    /// (0 keeps the frame exactly, 1 gives the other exactly). P010 mixes the 10-bit values. Both frames must have the
    /// same format, size and device; <paramref name="other"/> is not changed.
    /// </summary>
    /// <exception cref="FrameOperationException">Different devices, formats or sizes.</exception>
    public static GpuFrame CrossFade(this GpuFrame frame, GpuFrame other, OperationValue<double> weight)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(other);
        OperationFrames.CommonDevice(nameof(CrossFade), frame, other);
        OperationFrames.RequireFormat(nameof(CrossFade), frame, s_blendable);
        if (other.Format != frame.Format || other.Width != frame.Width || other.Height != frame.Height)
            throw new FrameOperationException($"{nameof(CrossFade)}: frame {frame.Index} is {frame.Width}x{frame.Height} {frame.FormatInfo.Name} but the other is {other.Width}x{other.Height} {other.FormatInfo.Name}.");
        int w = Weight256(weight.At(OperationFrames.TimeOf(frame)));
        OperationFrames.PrepareInPlace(frame);
        BlendWorkers.CrossFade(frame, other, frame, w);
        return frame;
    }

    /// <summary>Same as <see cref="CrossFade"/> (named after FFmpeg's blend filter).</summary>
    public static GpuFrame Blend(this GpuFrame frame, GpuFrame other, OperationValue<double> weight) => CrossFade(frame, other, weight);

    /// <summary>
    /// In place: moves every sample towards <paramref name="color"/> (its Y, U, V under the frame's matrix and range,
    /// see <see cref="RgbaColorYuv.ToYuv"/>) by <paramref name="amount"/> (0 = unchanged, 1 = solid colour, 1/256 steps).
    /// The colour's alpha is ignored. 8-bit formats.
    /// </summary>
    public static GpuFrame Fade(this GpuFrame frame, RgbaColor color, OperationValue<double> amount)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(Fade), frame, s_planar8);
        int w = Weight256(amount.At(OperationFrames.TimeOf(frame)));
        OperationFrames.PrepareInPlace(frame);
        BlendWorkers.Fade(frame, color.ToYuv(OperationFrames.MatrixOf(frame), OperationFrames.RangeOf(frame)), w);
        return frame;
    }

    /// <summary>
    /// In place: blends <paramref name="color"/> with alpha A + (A &gt;&gt; 7) (0..256, as Overlay) over <paramref name="rect"/> (luma pixels, clipped to
    /// the frame). Chroma of subsampled formats is blended over every chroma sample the rectangle touches. 8-bit YUV.
    /// </summary>
    public static GpuFrame DrawRect(this GpuFrame frame, OperationValue<Rectangle> rect, RgbaColor color)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(DrawRect), frame, s_planar8);
        Rectangle r = rect.At(OperationFrames.TimeOf(frame));
        OperationFrames.PrepareInPlace(frame);
        BlendWorkers.FillRect(frame, r, color.ToYuv(OperationFrames.MatrixOf(frame), OperationFrames.RangeOf(frame)), color.A + (color.A >> 7));
        return frame;
    }

    /// <summary>In place: the whole frame becomes <paramref name="color"/> (opaque; alpha ignored).</summary>
    public static GpuFrame Fill(this GpuFrame frame, RgbaColor color) =>
        DrawRect(frame, new Rectangle(0, 0, frame.Width, frame.Height), color with { A = 255 });

    /// <summary>
    /// In place: darkens luma towards black and desaturates chroma towards grey with distance from the centre:
    /// with q = normalised squared distance (0 at the centre, 255 in the corners) each sample keeps
    /// 1 - <paramref name="strength"/> x (q/256)² of its distance to black/grey. 8-bit YUV.
    /// </summary>
    public static GpuFrame Vignette(this GpuFrame frame, OperationValue<double> strength)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(Vignette), frame, s_planar8);
        int s = Weight256(strength.At(OperationFrames.TimeOf(frame)));
        OperationFrames.PrepareInPlace(frame);
        BlendWorkers.Vignette(frame, s, OperationFrames.RangeOf(frame));
        return frame;
    }

    private static int Weight256(double value) => (int)Math.Round(Math.Clamp(double.IsFinite(value) ? value : 0, 0, 1) * 256, MidpointRounding.AwayFromZero);
}
