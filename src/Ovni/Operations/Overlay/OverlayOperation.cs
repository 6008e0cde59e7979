// Why: the definition of where and how strongly an overlay lands (the real-valued, possibly animated position and
// opacity resolved once per frame into the integers the kernels take, with the validation in one place) and its
// two forms. Fractional positions (smooth motion) shift the overlay by the fraction into a one-pixel-larger
// premultiplied image first, then blend that at the integer position.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>
/// An RGBA overlay blended into a 4:2:0 frame (<see cref="FrameOperations.Overlay"/>): integer top-left pixel plus a
/// sub-pixel shift in 1/256 pixel (0..255), and the global opacity in 1/256 (0..256).
/// </summary>
internal readonly unsafe struct OverlayOperation : IDeviceWork
{
    private const double MaxPosition = 1 << 24;

    private readonly GpuFrame? _frame, _overlay, _shifted;
    private readonly bool _premultiplied;
    private readonly ColorMatrix _matrix;
    private readonly YuvRange _range;

    private OverlayOperation(int x, int y, int fractionX, int fractionY, int opacity)
    {
        (X, Y, FractionX, FractionY, Opacity) = (x, y, fractionX, fractionY, opacity);
    }

    private OverlayOperation(OverlayOperation place, GpuFrame frame, GpuFrame overlay, GpuFrame? shifted, bool premultiplied)
        : this(place.X, place.Y, place.FractionX, place.FractionY, place.Opacity)
    {
        _frame = frame;
        _overlay = overlay;
        _shifted = shifted;
        _premultiplied = premultiplied;
        _matrix = FrameColors.MatrixOf(frame);
        _range = FrameColors.RangeOf(frame);
    }

    /// <summary>Frame column of the (shifted) overlay's left edge.</summary>
    public int X { get; }

    /// <summary>Frame row of its top edge.</summary>
    public int Y { get; }

    /// <summary>Rightward shift in 1/256 pixel, 0..255.</summary>
    public int FractionX { get; }

    /// <summary>Downward shift in 1/256 pixel, 0..255.</summary>
    public int FractionY { get; }

    /// <summary>Global opacity, 0..256 (256 = opaque).</summary>
    public int Opacity { get; }

    /// <summary>True when the overlay sits on whole pixels (no shift pass needed).</summary>
    public bool IsWholePixel => FractionX == 0 && FractionY == 0;

    /// <summary>
    /// Resolves a real position: integer part = floor, fraction = round((p - floor p) x 256) half away from zero, a
    /// fraction of 256 moving to the next pixel; opacity = round(clamp(opacity, 0, 1) x 256), NaN counting as 0.
    /// </summary>
    /// <exception cref="FrameOperationException">A position is not finite or beyond ±2^24 pixels.</exception>
    public static OverlayOperation Resolve(double x, double y, double opacity)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > MaxPosition || Math.Abs(y) > MaxPosition)
            throw new FrameOperationException($"Overlay: position ({x}, {y}) is not a usable number of pixels (finite, within ±{MaxPosition}).");
        Split(x, out int ix, out int fx);
        Split(y, out int iy, out int fy);
        return new OverlayOperation(ix, iy, fx, fy, Fractions.Weight256(opacity));
    }

    /// <summary>In place: <paramref name="overlay"/> blended into <paramref name="frame"/> at the position and opacity at the frame's time.</summary>
    /// <exception cref="FrameOperationException">Wrong formats, frames on different devices, or an unusable position.</exception>
    public static GpuFrame Apply(GpuFrame frame, GpuFrame overlay, OperationValue<double> x, OperationValue<double> y,
        OperationValue<double>? opacity, bool premultiplied)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(overlay);
        FrameRequirements.SameDevice(nameof(FrameOperations.Overlay), frame, overlay);
        FrameRequirements.Format(nameof(FrameOperations.Overlay), frame, FrameRequirements.OverlayTargets);
        FrameRequirements.Format(nameof(FrameOperations.Overlay), overlay, FrameRequirements.Rgba);
        TimeSpan t = frame.ParameterTime;
        OverlayOperation place = Resolve(x.At(t), y.At(t), opacity?.At(t) ?? 1.0);
        frame.MakeWritable();
        if (place.IsWholePixel)
        {
            var whole = new OverlayOperation(place, frame, overlay, shifted: null, premultiplied);
            frame.Device.Run(ref whole);
            return frame;
        }
        using GpuFrame shifted = overlay.RentLike(PixelFormat.Rgba, overlay.Width + 1, overlay.Height + 1);
        var operation = new OverlayOperation(place, frame, overlay, shifted, premultiplied);
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        GpuFrame frame = _frame!, overlay = _overlay!;
        bool premultiplied = _premultiplied;
        if (_shifted is GpuFrame shifted)
        {
            RgbaOverlay.ShiftSubpixel(overlay.GetHostPlane(0), overlay.GetPitch(0), overlay.Width, overlay.Height,
                shifted.GetHostPlane(0), shifted.GetPitch(0), FractionX, FractionY, premultiplied);
            (overlay, premultiplied) = (shifted, true);
        }
        byte* src = overlay.GetHostPlane(0);
        if (frame.Format == PixelFormat.Nv12)
        {
            RgbaOverlay.OverlayRgbaNv12(frame.GetHostPlane(0), frame.GetPitch(0), frame.GetHostPlane(1), frame.GetPitch(1),
                frame.Width, frame.Height, src, overlay.GetPitch(0), overlay.Width, overlay.Height, X, Y, Opacity, premultiplied, _matrix, _range);
        }
        else
        {
            RgbaOverlay.OverlayRgbaYuv420P(frame.GetHostPlane(0), frame.GetPitch(0), frame.GetHostPlane(1), frame.GetPitch(1),
                frame.GetHostPlane(2), frame.GetPitch(2), frame.Width, frame.Height, src, overlay.GetPitch(0), overlay.Width, overlay.Height,
                X, Y, Opacity, premultiplied, _matrix, _range);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        GpuFrame frame = _frame!, overlay = _overlay!;
        bool premultiplied = _premultiplied;
        if (_shifted is GpuFrame shifted)
        {
            CudaKernelCall shift = kernels.Call(KernelCatalog.ShiftRgbaSubpixel);
            shift.AddPlane(overlay, 0);
            shift.AddInt32(overlay.Width);
            shift.AddInt32(overlay.Height);
            shift.AddPlane(shifted, 0);
            shift.AddInt32(FractionX);
            shift.AddInt32(FractionY);
            shift.AddInt32(premultiplied ? 1 : 0);
            kernels.Launch(ref shift, overlay.Width + 1, overlay.Height + 1);
            (overlay, premultiplied) = (shifted, true);
        }
        int ow = overlay.Width, oh = overlay.Height;
        CudaKernelCall call = kernels.Call(frame.Format == PixelFormat.Nv12 ? KernelCatalog.OverlayRgbaNv12 : KernelCatalog.OverlayRgbaYuv420P);
        for (int p = 0; p < frame.PlaneCount; p++) call.AddPlane(frame, p);
        call.AddInt32(frame.Width);
        call.AddInt32(frame.Height);
        call.AddPlane(overlay, 0);
        call.AddInt32(ow);
        call.AddInt32(oh);
        call.AddInt32(X);
        call.AddInt32(Y);
        call.AddInt32(Opacity);
        call.AddInt32(premultiplied ? 1 : 0);
        call.AddInt32((int)_matrix);
        call.AddInt32((int)_range);
        kernels.Launch(ref call, (ow / 2) + 1, (oh / 2) + 1);
    }

    private static void Split(double position, out int whole, out int fraction)
    {
        double floor = Math.Floor(position);
        whole = (int)floor;
        fraction = (int)Math.Round((position - floor) * 256, MidpointRounding.AwayFromZero);
        if (fraction == 256)
        {
            whole++;
            fraction = 0;
        }
    }
}
