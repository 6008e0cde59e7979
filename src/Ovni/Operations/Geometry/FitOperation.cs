// Why: fitting a clip into a canvas is a scale plus a pad or a crop whose sizes must be even for 4:2:0 and centred;
// every sample and user wrote it by hand. Defined once: crop before scaling (a zero-copy view on the CPU) so the scale
// reads only what is kept, and pad after it.
namespace Ovni.Operations;

/// <summary>The sizes and steps of <see cref="FrameOperations.Fit"/>.</summary>
internal static class FitOperation
{
    /// <summary>A new <paramref name="width"/> x <paramref name="height"/> frame with <paramref name="frame"/>'s picture fitted by <paramref name="mode"/>.</summary>
    /// <exception cref="FrameOperationException">A size out of range or odd for 4:2:0, an unknown mode, or a format the steps do not take.</exception>
    public static GpuFrame Apply(GpuFrame frame, int width, int height, FitMode mode, RgbaColor background, ScaleFilter filter)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!Enum.IsDefined(mode)) throw new FrameOperationException($"Fit: {mode} is not a FitMode.");
        if (width <= 0 || height <= 0 || width > ScaleOperation.MaxSide || height > ScaleOperation.MaxSide)
            throw new FrameOperationException($"Fit: canvas {width}x{height} must be 1..{ScaleOperation.MaxSide} each way.");
        FrameRequirements.Format(nameof(FrameOperations.Fit), frame, mode == FitMode.Pad ? FrameRequirements.Planar8 : FrameRequirements.Resamplable);
        PixelFormatInfo info = frame.FormatInfo;
        bool evenX = info.Log2ChromaWidth != 0, evenY = info.Log2ChromaHeight != 0;
        if ((evenX && (width & 1) != 0) || (evenY && (height & 1) != 0))
            throw new FrameOperationException($"Fit: {info.Name} frames need an even canvas, not {width}x{height}.");
        if (frame.Width == width && frame.Height == height) return frame.Share();
        switch (mode)
        {
            case FitMode.Stretch:
                return frame.Scale(width, height, filter);
            case FitMode.Crop:
            {
                double scale = Math.Max((double)width / frame.Width, (double)height / frame.Height);
                int cw = Side(width / scale, frame.Width, evenX), ch = Side(height / scale, frame.Height, evenY);
                int x = Origin(frame.Width - cw, evenX), y = Origin(frame.Height - ch, evenY);
                using GpuFrame kept = frame.Crop(new System.Drawing.Rectangle(x, y, cw, ch));
                return kept.Width == width && kept.Height == height ? kept.Share() : kept.Scale(width, height, filter);
            }
            default:
            {
                double scale = Math.Min((double)width / frame.Width, (double)height / frame.Height);
                int sw = Side(frame.Width * scale, width, evenX), sh = Side(frame.Height * scale, height, evenY);
                if (sw == width && sh == height) return frame.Scale(width, height, filter);
                using GpuFrame scaled = sw == frame.Width && sh == frame.Height ? frame.Share() : frame.Scale(sw, sh, filter);
                return scaled.Pad(width, height, Origin(width - sw, evenX), Origin(height - sh, evenY), background);
            }
        }
    }

    // A side rounded to the nearest whole (even where chroma is halved) number of pixels, at least one unit, at most the limit.
    private static int Side(double exact, int limit, bool even)
    {
        int unit = even ? 2 : 1;
        int side = (int)Math.Round(exact / unit, MidpointRounding.AwayFromZero) * unit;
        return Math.Clamp(side, unit, limit);
    }

    // Centred, rounded down to an even offset where chroma is halved.
    private static int Origin(int spare, bool even) => even ? spare / 2 & ~1 : spare / 2;
}
