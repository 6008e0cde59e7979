// Why: filled rectangles (and whole-frame fills) blend one colour over a luma rectangle and the chroma blocks it
// touches, each plane with its own subsampled coordinates, by the fill kernel.
using System.Drawing;
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place: a colour with alpha/256 over a luma rectangle, clipped to the frame (<see cref="FrameOperations.DrawRect"/>).</summary>
internal readonly unsafe struct FillRectOperation : IDeviceWork
{
    private readonly GpuFrame _frame;
    private readonly int _left, _top, _right, _bottom;
    private readonly (int Y, int U, int V) _value;
    private readonly int _alpha;

    private FillRectOperation(GpuFrame frame, int left, int top, int right, int bottom, (int Y, int U, int V) value, int alpha)
    {
        _frame = frame;
        (_left, _top, _right, _bottom) = (left, top, right, bottom);
        _value = value;
        _alpha = alpha;
    }

    /// <summary>Blends <paramref name="color"/> with alpha A + (A &gt;&gt; 7) over the rectangle at the frame's time.</summary>
    /// <exception cref="FrameOperationException">The format is not 8-bit YUV.</exception>
    public static GpuFrame Apply(GpuFrame frame, OperationValue<Rectangle> rect, RgbaColor color)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.DrawRect), frame, FrameRequirements.Planar8);
        Rectangle r = rect.At(frame);
        frame.MakeWritable();
        int left = Math.Max(r.Left, 0), top = Math.Max(r.Top, 0);
        int right = Math.Min(r.Right, frame.Width), bottom = Math.Min(r.Bottom, frame.Height);
        if (left >= right || top >= bottom) return frame;
        var operation = new FillRectOperation(frame, left, top, right, bottom, color.ToYuv(frame), color.A + (color.A >> 7));
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            Area a = AreaOf(p);
            PlaneBlend.FillRectPlane(_frame.GetHostPlane(p), _frame.GetPitch(p), a.PlaneBytes, a.Rows, a.X, a.Y, a.Width, a.Height, a.Even, a.Odd, _alpha);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            Area a = AreaOf(p);
            CudaKernelCall call = kernels.Call(KernelCatalog.FillRectPlane);
            call.AddPlane(_frame, p);
            call.AddInt32(a.PlaneBytes);
            call.AddInt32(a.Rows);
            call.AddInt32(a.X);
            call.AddInt32(a.Y);
            call.AddInt32(a.Width);
            call.AddInt32(a.Height);
            call.AddInt32(a.Even);
            call.AddInt32(a.Odd);
            call.AddInt32(_alpha);
            kernels.Launch(ref call, a.Width, a.Height);
        }
    }

    /// <summary>The rectangle on one plane: in bytes horizontally (interleaved samples count), every chroma sample it touches.</summary>
    private Area AreaOf(int plane)
    {
        PixelFormatInfo info = _frame.FormatInfo;
        bool chroma = plane > 0;
        int sx = chroma ? info.Log2ChromaWidth : 0, sy = chroma ? info.Log2ChromaHeight : 0;
        int x0 = _left >> sx, x1 = -((-_right) >> sx), y0 = _top >> sy, y1 = -((-_bottom) >> sy);
        int channels = _frame.GetPlaneChannels(plane);
        (int even, int odd) = PlaneValues.Of(_frame, plane, _value);
        return new Area(info.PlaneWidthBytes(plane, _frame.Width), _frame.GetPlaneHeight(plane), x0 * channels, y0, (x1 - x0) * channels, y1 - y0, even, odd);
    }

    private readonly record struct Area(int PlaneBytes, int Rows, int X, int Y, int Width, int Height, int Even, int Odd);
}
