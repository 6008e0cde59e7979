// Cropping and padding: changing the canvas without resampling.
using System.Drawing;
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// The part of the frame inside <paramref name="rect"/> as a new frame to dispose. On the CPU it is a zero-copy view
    /// (it shares the input's memory: its planes start inside the input's; writing operations on either copy first when
    /// both are alive). On CUDA it is a copy into a pooled device frame. Chroma-subsampled formats need an even
    /// rectangle origin and size.
    /// </summary>
    /// <exception cref="OvniException">The rectangle is empty, outside the frame, or odd where it must be even.</exception>
    public static GpuFrame Crop(this GpuFrame frame, Rectangle rect) =>
        CanvasOperations.Crop(frame, rect);

    /// <summary>
    /// A new <paramref name="width"/> x <paramref name="height"/> frame filled with <paramref name="color"/> with the
    /// input copied unchanged at (<paramref name="x"/>, <paramref name="y"/>). The input must fit; subsampled formats
    /// need even x and y. 8-bit YUV.
    /// </summary>
    public static GpuFrame Pad(this GpuFrame frame, int width, int height, int x, int y, RgbaColor color) =>
        CanvasOperations.Pad(frame, width, height, x, y, color);
}
