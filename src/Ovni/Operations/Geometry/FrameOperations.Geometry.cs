// Cropping and padding: changing the canvas without resampling.
using System.Drawing;

namespace Ovni.Operations;

public static partial class FrameOperations
{
    private static readonly PixelFormat[] s_croppable =
        [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12, PixelFormat.Yuv444P, PixelFormat.Yuvj444P, PixelFormat.Rgba, PixelFormat.P010];

    /// <summary>
    /// The part of the frame inside <paramref name="rect"/> as a new frame to dispose. On the CPU it is a zero-copy view
    /// (it shares the input's memory: its planes start inside the input's; writing operations on either copy first when
    /// both are alive). On CUDA it is a copy into a pooled device frame. Chroma-subsampled formats need an even
    /// rectangle origin and size.
    /// </summary>
    /// <exception cref="FrameOperationException">The rectangle is empty, outside the frame, or odd where it must be even.</exception>
    public static GpuFrame Crop(this GpuFrame frame, Rectangle rect)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(Crop), frame, s_croppable);
        if (rect.Width <= 0 || rect.Height <= 0 || rect.X < 0 || rect.Y < 0 || rect.Right > frame.Width || rect.Bottom > frame.Height)
            throw new FrameOperationException($"{nameof(Crop)}: rectangle {rect} is empty or not inside frame {frame.Index} ({frame.Width}x{frame.Height}).");
        PixelFormatInfo info = frame.FormatInfo;
        if ((info.Log2ChromaWidth != 0 && ((rect.X | rect.Width) & 1) != 0) || (info.Log2ChromaHeight != 0 && ((rect.Y | rect.Height) & 1) != 0))
            throw new FrameOperationException($"{nameof(Crop)}: {info.Name} frames crop on even pixels only, not {rect}.");
        GpuFrame view = OperationFrames.CreateView(frame, rect.X, rect.Y, rect.Width, rect.Height);
        if (frame.Device.Kind == DeviceKind.Cpu) return view;
        using (view)
        {
            GpuFrame copy = OperationFrames.Rent(frame, frame.Format, rect.Width, rect.Height);
            try
            {
                BlendWorkers.CrossFade(view, view, copy, 0); // weight 0 is an exact copy
                return copy;
            }
            catch
            {
                copy.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// A new <paramref name="width"/> x <paramref name="height"/> frame filled with <paramref name="color"/> with the
    /// input copied unchanged at (<paramref name="x"/>, <paramref name="y"/>). The input must fit; subsampled formats
    /// need even x and y. 8-bit YUV.
    /// </summary>
    public static GpuFrame Pad(this GpuFrame frame, int width, int height, int x, int y, RgbaColor color)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(Pad), frame, s_planar8);
        if (x < 0 || y < 0 || x + frame.Width > width || y + frame.Height > height)
            throw new FrameOperationException($"{nameof(Pad)}: frame {frame.Index} ({frame.Width}x{frame.Height}) at ({x}, {y}) does not fit in {width}x{height}.");
        PixelFormatInfo info = frame.FormatInfo;
        if ((info.Log2ChromaWidth != 0 && ((x | width) & 1) != 0) || (info.Log2ChromaHeight != 0 && ((y | height) & 1) != 0))
            throw new FrameOperationException($"{nameof(Pad)}: {info.Name} frames pad to even sizes and offsets only.");
        GpuFrame target = OperationFrames.Rent(frame, frame.Format, width, height);
        try
        {
            Fill(target, color);
            using GpuFrame window = OperationFrames.CreateView(target, x, y, frame.Width, frame.Height);
            BlendWorkers.CrossFade(frame, frame, window, 0);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }
}
