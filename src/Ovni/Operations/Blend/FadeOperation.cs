// Why: fading to a colour is the fade kernel over every plane, each plane towards its own value of the colour.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place: each plane towards its value of a colour's (Y, U, V) by weight/256 (<see cref="FrameOperations.Fade"/>).</summary>
internal readonly unsafe struct FadeOperation : IDeviceWork
{
    private readonly GpuFrame _frame;
    private readonly (int Y, int U, int V) _value;
    private readonly int _weight;

    private FadeOperation(GpuFrame frame, (int Y, int U, int V) value, int weight)
    {
        _frame = frame;
        _value = value;
        _weight = weight;
    }

    /// <summary>Fades <paramref name="frame"/> towards <paramref name="color"/> by the amount at the frame's time.</summary>
    /// <exception cref="FrameOperationException">The format is not 8-bit YUV.</exception>
    public static GpuFrame Apply(GpuFrame frame, RgbaColor color, OperationValue<double> amount)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.Fade), frame, FrameRequirements.Planar8);
        int w = Fractions.Weight256(amount.At(frame));
        frame.MakeWritable();
        var operation = new FadeOperation(frame, color.ToYuv(frame), w);
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            (int even, int odd) = PlaneValues.Of(_frame, p, _value);
            byte* plane = _frame.GetHostPlane(p);
            int pitch = _frame.GetPitch(p);
            PlaneBlend.FadePlane(plane, pitch, plane, pitch, RowBytes(p), _frame.GetPlaneHeight(p), even, odd, _weight);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            (int even, int odd) = PlaneValues.Of(_frame, p, _value);
            int bytes = RowBytes(p), rows = _frame.GetPlaneHeight(p);
            CudaKernelCall call = kernels.Call(KernelCatalog.FadePlane);
            call.AddPlane(_frame, p);
            call.AddPlane(_frame, p);
            call.AddInt32(bytes);
            call.AddInt32(rows);
            call.AddInt32(even);
            call.AddInt32(odd);
            call.AddInt32(_weight);
            kernels.Launch(ref call, bytes, rows);
        }
    }

    private int RowBytes(int plane) => _frame.FormatInfo.PlaneWidthBytes(plane, _frame.Width);
}
