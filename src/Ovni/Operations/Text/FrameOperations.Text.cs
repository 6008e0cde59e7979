// Text: titles, lower thirds and labels drawn with libass into 8-bit YUV frames.
using Ovni.Captions;
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// In place: draws <paramref name="text"/> in <paramref name="style"/> with the style's anchor point (top-left by
    /// default) at (<paramref name="x"/>, <paramref name="y"/>) frame pixels (sub-pixel positions allowed), every colour's
    /// alpha multiplied by <paramref name="opacity"/> (default 1; 0 leaves the frame untouched). Text, position and
    /// opacity are animatable: evaluated at the frame's timestamp (a function of time gives a typewriter, keyframes an
    /// eased slide or fade). Rendered by libass (shaping, outline, shadow; a line break starts a new line, no wrapping)
    /// and blended per sample by the captions' alpha-mask kernel on the frame's device, the same pixels on CPU and CUDA.
    /// 8-bit YUV: yuv420p, nv12, yuv422p, yuv444p and their yuvj forms. For a stream use the stream overload, which
    /// keeps one renderer for all frames.
    /// </summary>
    /// <exception cref="FrameOperationException">
    /// Size, outline, shadow or anchor out of range; a font family that is not installed or a font file that is missing
    /// or unreadable; a frame format the text cannot be blended into.
    /// </exception>
    /// <exception cref="OvniException">libass is not installed.</exception>
    public static GpuFrame DrawText(this GpuFrame frame, OperationValue<string> text, TextStyle style, OperationValue<double> x,
        OperationValue<double> y, OperationValue<double>? opacity = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        TextRenderer.Validate(style);
        using var renderer = new TextRenderer(style, frame.Width, frame.Height);
        using var compositor = new CaptionCompositor();
        TextDrawing.Draw(frame, renderer, compositor, text, x, y, opacity);
        return frame;
    }
}
