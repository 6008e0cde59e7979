// Why: the cross-fade is the blend kernel over every plane; at weight 0 it is an exact copy, which is how crops,
// pads and picture-in-picture move pixels on either device with the same code.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>
/// target = (a x (256 - w) + b x w + 128) &gt;&gt; 8 per sample over every plane (<see cref="FrameOperations.CrossFade"/>);
/// target may be a. P010 mixes 10-bit values.
/// </summary>
internal readonly unsafe struct CrossFadeOperation : IDeviceWork
{
    private readonly GpuFrame _a, _b, _target;
    private readonly int _weight;

    private CrossFadeOperation(GpuFrame a, GpuFrame b, GpuFrame target, int weight)
    {
        _a = a;
        _b = b;
        _target = target;
        _weight = weight;
    }

    /// <summary>In place: <paramref name="frame"/> towards <paramref name="other"/> by the weight at the frame's time.</summary>
    /// <exception cref="FrameOperationException">Different devices, formats or sizes.</exception>
    public static GpuFrame Apply(GpuFrame frame, GpuFrame other, OperationValue<double> weight)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(other);
        FrameRequirements.SameDevice(nameof(FrameOperations.CrossFade), frame, other);
        FrameRequirements.Format(nameof(FrameOperations.CrossFade), frame, FrameRequirements.Blendable);
        if (other.Format != frame.Format || other.Width != frame.Width || other.Height != frame.Height)
            throw new FrameOperationException($"{nameof(FrameOperations.CrossFade)}: frame {frame.Index} is {frame.Width}x{frame.Height} {frame.FormatInfo.Name} but the other is {other.Width}x{other.Height} {other.FormatInfo.Name}.");
        int w = Fractions.Weight256(weight.At(frame));
        frame.MakeWritable();
        Run(frame, other, frame, w);
        return frame;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> (same format and size, same device): weight 0 is an exact copy.</summary>
    public static void Copy(GpuFrame source, GpuFrame target) => Run(source, source, target, 0);

    private static void Run(GpuFrame a, GpuFrame b, GpuFrame target, int weight)
    {
        var operation = new CrossFadeOperation(a, b, target, weight);
        a.Device.Run(ref operation);
    }

    private bool IsP010 => _a.Format == PixelFormat.P010;

    /// <inheritdoc />
    public void RunOnCpu()
    {
        for (int p = 0; p < _a.PlaneCount; p++)
        {
            (int units, int rows) = Extent(p);
            if (IsP010)
            {
                PlaneBlend.BlendPlaneP010(_a.GetHostPlane(p), _a.GetPitch(p), _b.GetHostPlane(p), _b.GetPitch(p),
                    _target.GetHostPlane(p), _target.GetPitch(p), units, rows, _weight);
            }
            else
            {
                PlaneBlend.BlendPlane(_a.GetHostPlane(p), _a.GetPitch(p), _b.GetHostPlane(p), _b.GetPitch(p),
                    _target.GetHostPlane(p), _target.GetPitch(p), units, rows, _weight);
            }
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        for (int p = 0; p < _a.PlaneCount; p++)
        {
            (int units, int rows) = Extent(p);
            CudaKernelCall call = kernels.Call(IsP010 ? KernelCatalog.BlendPlaneP010 : KernelCatalog.BlendPlane);
            call.AddPlane(_a, p);
            call.AddPlane(_b, p);
            call.AddPlane(_target, p);
            call.AddInt32(units);
            call.AddInt32(rows);
            call.AddInt32(_weight);
            kernels.Launch(ref call, units, rows);
        }
    }

    // Samples per row (16-bit words for P010) and rows of a plane.
    private (int Units, int Rows) Extent(int plane)
    {
        int bytes = _a.FormatInfo.PlaneWidthBytes(plane, _a.Width);
        return (IsP010 ? bytes / 2 : bytes, _a.GetPlaneHeight(plane));
    }
}
