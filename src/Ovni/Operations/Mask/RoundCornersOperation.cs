// Why: rounded corners prepare an RGBA image (a webcam inset, a logo) for Overlay: alpha times each pixel's coverage of
// the rounded rectangle, by the mask kernel on either device.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place on RGBA: rounded-corner alpha (<see cref="FrameOperations.RoundCorners"/>).</summary>
internal readonly unsafe struct RoundCornersOperation : IDeviceWork
{
    private readonly GpuFrame _frame;
    private readonly int _radius;
    private readonly bool _premultiplied;

    private RoundCornersOperation(GpuFrame frame, int radius, bool premultiplied)
    {
        _frame = frame;
        _radius = radius;
        _premultiplied = premultiplied;
    }

    /// <summary>Rounds the corners with the radius at the frame's time, clamped to half the shorter side.</summary>
    /// <exception cref="FrameOperationException">The frame is not RGBA.</exception>
    public static GpuFrame Apply(GpuFrame frame, OperationValue<int> radius, bool premultiplied)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.RoundCorners), frame, FrameRequirements.Rgba);
        int r = Math.Clamp(radius.At(frame), 0, Math.Min(frame.Width, frame.Height) / 2);
        frame.MakeWritable();
        var operation = new RoundCornersOperation(frame, r, premultiplied);
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu() =>
        RgbaMask.RoundCorners(_frame.GetHostPlane(0), _frame.GetPitch(0), _frame.Width, _frame.Height, _radius, _premultiplied);

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        CudaKernelCall call = kernels.Call(KernelCatalog.RoundCornersRgba);
        call.AddPlane(_frame, 0);
        call.AddInt32(_frame.Width);
        call.AddInt32(_frame.Height);
        call.AddInt32(_radius);
        call.AddInt32(_premultiplied ? 1 : 0);
        kernels.Launch(ref call, _frame.Width, _frame.Height);
    }
}
