// Why: changing the canvas without resampling. A crop is a window into the frame's planes (zero-copy on the CPU; on a
// CUDA device copied into a pooled frame, since device frames come from fixed-size pools); a pad fills a new canvas
// and copies the frame into a window of it. Both move pixels with the cross-fade kernel at weight 0 (an exact copy).
namespace Ovni.Operations;

/// <summary>Crop and pad, which change the canvas without resampling (see cref="FrameOperations.Crop"/>, <see cref="FrameOperations.Pad"/>).</summary>
internal static class CanvasOperations
{
    /// <summary>The part of <paramref name="frame"/> inside <paramref name="rect"/> as a new frame.</summary>
    /// <exception cref="FrameOperationException">The rectangle is empty, outside the frame, or odd where it must be even.</exception>
    public static GpuFrame Crop(GpuFrame frame, System.Drawing.Rectangle rect)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.Crop), frame, FrameRequirements.Croppable);
        if (rect.Width <= 0 || rect.Height <= 0 || rect.X < 0 || rect.Y < 0 || rect.Right > frame.Width || rect.Bottom > frame.Height)
            throw new FrameOperationException($"{nameof(FrameOperations.Crop)}: rectangle {rect} is empty or not inside frame {frame.Index} ({frame.Width}x{frame.Height}).");
        PixelFormatInfo info = frame.FormatInfo;
        if ((info.Log2ChromaWidth != 0 && ((rect.X | rect.Width) & 1) != 0) || (info.Log2ChromaHeight != 0 && ((rect.Y | rect.Height) & 1) != 0))
            throw new FrameOperationException($"{nameof(FrameOperations.Crop)}: {info.Name} frames crop on even pixels only, not {rect}.");
        GpuFrame view = frame.CreateView(rect.X, rect.Y, rect.Width, rect.Height);
        if (frame.Device.Kind == DeviceKind.Cpu) return view;
        using (view)
        {
            GpuFrame copy = frame.RentLike(frame.Format, rect.Width, rect.Height);
            try
            {
                CrossFadeOperation.Copy(view, copy);
                return copy;
            }
            catch
            {
                copy.Dispose();
                throw;
            }
        }
    }

    /// <summary>A new canvas of <paramref name="color"/> with <paramref name="frame"/> copied at (x, y).</summary>
    /// <exception cref="FrameOperationException">The frame does not fit, or odd offsets or sizes where they must be even.</exception>
    public static GpuFrame Pad(GpuFrame frame, int width, int height, int x, int y, RgbaColor color)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.Pad), frame, FrameRequirements.Planar8);
        if (x < 0 || y < 0 || x + frame.Width > width || y + frame.Height > height)
            throw new FrameOperationException($"{nameof(FrameOperations.Pad)}: frame {frame.Index} ({frame.Width}x{frame.Height}) at ({x}, {y}) does not fit in {width}x{height}.");
        PixelFormatInfo info = frame.FormatInfo;
        if ((info.Log2ChromaWidth != 0 && ((x | width) & 1) != 0) || (info.Log2ChromaHeight != 0 && ((y | height) & 1) != 0))
            throw new FrameOperationException($"{nameof(FrameOperations.Pad)}: {info.Name} frames pad to even sizes and offsets only.");
        GpuFrame target = frame.RentLike(frame.Format, width, height);
        try
        {
            target.Fill(color);
            using GpuFrame window = target.CreateView(x, y, frame.Width, frame.Height);
            CrossFadeOperation.Copy(frame, window);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }
}
