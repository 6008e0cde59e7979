// Why: the soft vignette darkens luma towards black and pulls chroma towards grey by the distance from the centre; on
// the CPU the mirrored row pairs that share their factors are spread over the cores in bands.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place: the soft vignette on every plane (<see cref="FrameOperations.Vignette"/>).</summary>
internal readonly unsafe struct VignetteOperation : IDeviceWork
{
    private readonly GpuFrame _frame;
    private readonly int _strength;
    private readonly YuvRange _range;

    internal VignetteOperation(GpuFrame frame, int strength, YuvRange range)
    {
        _frame = frame;
        _strength = strength;
        _range = range;
    }

    /// <summary>The vignette with the strength at the frame's time.</summary>
    /// <exception cref="FrameOperationException">The format is not 8-bit YUV.</exception>
    public static GpuFrame Apply(GpuFrame frame, OperationValue<double> strength)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.Vignette), frame, FrameRequirements.Planar8);
        int s = Fractions.Weight256(strength.At(frame));
        frame.MakeWritable();
        var operation = new VignetteOperation(frame, s, FrameColors.RangeOf(frame));
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            int width = _frame.GetPlanePixels(p), rows = _frame.GetPlaneHeight(p);
            var band = new VignetteBand(_frame.GetHostPlane(p), _frame.GetPitch(p), width, rows, _frame.GetPlaneChannels(p), Centre(p), _strength);
            RowBands.Run((rows + 1) / 2, 32, band);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            int width = _frame.GetPlanePixels(p), rows = _frame.GetPlaneHeight(p);
            CudaKernelCall call = kernels.Call(KernelCatalog.VignettePlane);
            call.AddPlane(_frame, p);
            call.AddInt32(width);
            call.AddInt32(rows);
            call.AddInt32(_frame.GetPlaneChannels(p));
            call.AddInt32(Centre(p));
            call.AddInt32(_strength);
            kernels.Launch(ref call, width, rows);
        }
    }

    // Luma falls towards black (16 in limited range), chroma towards grey.
    private int Centre(int plane) => plane == 0 ? (_range == YuvRange.Limited ? 16 : 0) : 128;
}
