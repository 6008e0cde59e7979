// Why: the frame and stream forms of DrawText share one step: evaluate the animated values at the frame's time, let the
// renderer rasterise (or reuse) the text, and composite it only when something shows.
using Ovni.Captions;

namespace Ovni.Operations;

/// <summary>One frame's text drawn by a prepared renderer and compositor.</summary>
internal static class TextDrawing
{
    /// <exception cref="FrameOperationException">The frame's format cannot take text.</exception>
    public static void Draw(GpuFrame frame, TextRenderer renderer, CaptionCompositor compositor, OperationValue<string> text,
        OperationValue<double> x, OperationValue<double> y, OperationValue<double>? opacity)
    {
        if (!CaptionCompositor.Supports(frame.Format))
            throw new FrameOperationException($"DrawText: frame {frame.Index} is {frame.FormatInfo.Name}; text is drawn into 8-bit YUV (yuv420p, nv12, yuv422p, yuv444p and their yuvj forms): ConvertTo one first.");
        CaptionFrame layers = renderer.Render(text.At(frame), x.At(frame), y.At(frame), opacity is { } o ? o.At(frame) : 1);
        if (layers.Bitmaps.Count == 0) return;
        frame.MakeWritable();
        compositor.Composite(frame, layers);
    }
}
