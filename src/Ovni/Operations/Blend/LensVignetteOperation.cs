// Why: natural lens vignetting with FFmpeg's definition: every sample scaled by a cos⁴ factor of its distance from
// the centre. The factors are cached per size and angle (LensVignetteMaps) on the host and per device.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place: natural lens vignetting (<see cref="FrameOperations.LensVignette"/>).</summary>
internal readonly unsafe struct LensVignetteOperation : IDeviceWork
{
    private readonly GpuFrame _frame;
    private readonly LensVignetteMap _map;

    private LensVignetteOperation(GpuFrame frame, LensVignetteMap map)
    {
        _frame = frame;
        _map = map;
    }

    /// <summary>The vignette of the lens angle at the frame's time, clipped to [0, π/2].</summary>
    /// <exception cref="FrameOperationException">The format is not 8-bit YUV.</exception>
    public static GpuFrame Apply(GpuFrame frame, OperationValue<double> angle)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.LensVignette), frame, FrameRequirements.Planar8);
        double a = Math.Clamp(Fractions.Finite(angle.At(frame)), 0, Math.PI / 2);
        LensVignetteMap map = LensVignetteMaps.Get(frame.Width, frame.Height, a);
        frame.MakeWritable();
        var operation = new LensVignetteOperation(frame, map);
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            (int width, int rows, int channels, int subX, int subY, int centre) = Shape(p);
            PlaneBlend.LensVignettePlaneMapped(_frame.GetHostPlane(p), _frame.GetPitch(p), width * channels, rows, centre,
                _map.PlaneFactors(width, rows, channels, subX, subY));
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        CudaDeviceBuffer table = kernels.Table(_map.DeviceKind, BitConverter.DoubleToInt64Bits(_map.Angle), _map.Int32Table);
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            (int width, int rows, int channels, int subX, int subY, int centre) = Shape(p);
            CudaKernelCall call = kernels.Call(KernelCatalog.LensVignettePlane);
            call.AddPlane(_frame, p);
            call.AddInt32(width);
            call.AddInt32(rows);
            call.AddInt32(channels);
            call.AddInt32(subX);
            call.AddInt32(subY);
            call.AddInt32(centre);
            call.AddBuffer(table);
            call.AddInt32(_frame.Width);
            kernels.Launch(ref call, width, rows);
        }
    }

    // Luma scales about 0, chroma about 127 and takes the factor of its top-left luma pixel.
    private (int Width, int Rows, int Channels, int SubX, int SubY, int Centre) Shape(int plane)
    {
        PixelFormatInfo info = _frame.FormatInfo;
        return (_frame.GetPlanePixels(plane), _frame.GetPlaneHeight(plane), _frame.GetPlaneChannels(plane),
            plane == 0 ? 0 : info.Log2ChromaWidth, plane == 0 ? 0 : info.Log2ChromaHeight, plane == 0 ? 0 : 127);
    }
}
