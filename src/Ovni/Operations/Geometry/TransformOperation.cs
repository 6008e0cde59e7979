// Why: affine transforms (zoom, rotation about a point, drift) resample each plane bilinearly on its own grid
// through the inverse map; outside the picture a background shows. The CPU twin runs destination rows in bands
// across the cores; the CUDA kernel takes the same Q16 map and fill values, so both give the same pixels.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>A frame's picture under a <see cref="FrameTransform"/>, written into a new frame (<see cref="FrameOperations.Transform"/>).</summary>
internal readonly unsafe struct TransformOperation : IDeviceWork
{
    private readonly GpuFrame _source, _target;
    private readonly double _a, _b, _c, _d, _e, _f;
    private readonly RgbaColor? _background;

    private TransformOperation(GpuFrame source, GpuFrame target, ReadOnlySpan<double> inverse, RgbaColor? background)
    {
        _source = source;
        _target = target;
        (_a, _b, _c, _d, _e, _f) = (inverse[0], inverse[1], inverse[2], inverse[3], inverse[4], inverse[5]);
        _background = background;
    }

    /// <summary>A new frame of the same size and format showing <paramref name="frame"/> under <paramref name="transform"/>.</summary>
    /// <exception cref="FrameOperationException">Unsupported format, or a transform that cannot be inverted or is too extreme.</exception>
    public static GpuFrame Apply(GpuFrame frame, FrameTransform transform, RgbaColor? background)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.Transform), frame, FrameRequirements.Resamplable);
        if (!transform.IsInvertible)
            throw new FrameOperationException($"{nameof(FrameOperations.Transform)}: {transform} cannot be inverted (scales must be finite and non-zero, every value finite); frame {frame.Index}.");
        Span<double> inverse = stackalloc double[6];
        transform.GetInverse(frame.Width, frame.Height, inverse);
        GpuFrame target = frame.RentLike(frame.Format, frame.Width, frame.Height);
        try
        {
            return OutputFrames.Produce(frame, target, new TransformOperation(frame, target, inverse, background));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FrameOperationException($"{nameof(FrameOperations.Transform)}: {transform} is too extreme for frame {frame.Index} ({e.Message.Split('(')[0].Trim()}).");
        }
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        for (int p = 0; p < _source.PlaneCount; p++)
        {
            Plane plane = PlaneOf(p);
            var band = new TransformBand(_source.GetHostPlane(p), _source.GetPitch(p), plane.Width, plane.Rows,
                _target.GetHostPlane(p), _target.GetPitch(p), plane.Width, plane.Rows, plane.Channels, plane.Map,
                plane.Fill0, plane.Fill1, plane.Fill2, plane.Fill3);
            RowBands.Run(plane.Rows, 32, band);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        for (int p = 0; p < _source.PlaneCount; p++)
        {
            Plane plane = PlaneOf(p);
            CudaKernelCall call = kernels.Call(KernelCatalog.TransformPlane);
            call.AddPlane(_source, p);
            call.AddInt32(plane.Width);
            call.AddInt32(plane.Rows);
            call.AddPlane(_target, p);
            call.AddInt32(plane.Width);
            call.AddInt32(plane.Rows);
            call.AddInt32(plane.Channels);
            call.AddInt32(plane.Map.M00);
            call.AddInt32(plane.Map.M01);
            call.AddInt32(plane.Map.M02);
            call.AddInt32(plane.Map.M10);
            call.AddInt32(plane.Map.M11);
            call.AddInt32(plane.Map.M12);
            call.AddInt32(plane.Fill0);
            call.AddInt32(plane.Fill1);
            call.AddInt32(plane.Fill2);
            call.AddInt32(plane.Fill3);
            kernels.Launch(ref call, plane.Width, plane.Rows);
        }
    }

    /// <summary>
    /// One plane's size, interleave, Q16 map and outside values: by default transparent for RGBA and black for YUV,
    /// as the background's R, G, B, A or the plane's Y, U or V (U, V interleaved on NV12 chroma).
    /// </summary>
    private Plane PlaneOf(int plane)
    {
        PixelFormatInfo info = _source.FormatInfo;
        bool rgba = _source.Format == PixelFormat.Rgba;
        int channels = _source.GetPlaneChannels(plane);
        int subX = plane == 0 ? 0 : info.Log2ChromaWidth, subY = plane == 0 ? 0 : info.Log2ChromaHeight;
        ReadOnlySpan<double> inverse = [_a, _b, _c, _d, _e, _f];
        AffineMapQ16 map = PlaneTransform.MapFor(inverse, subX, subY);
        (int f0, int f1, int f2, int f3) fill;
        if (rgba)
        {
            RgbaColor outside = _background ?? new RgbaColor(0, 0, 0, 0);
            fill = (outside.R, outside.G, outside.B, outside.A);
        }
        else
        {
            (int y, int u, int v) = (_background ?? RgbaColor.Black).ToYuv(_source);
            fill = plane == 0 ? (y, 0, 0, 0) : channels == 2 ? (u, v, 0, 0) : plane == 1 ? (u, 0, 0, 0) : (v, 0, 0, 0);
        }
        return new Plane(_source.GetPlanePixels(plane), _source.GetPlaneHeight(plane), channels, map, fill.f0, fill.f1, fill.f2, fill.f3);
    }

    private readonly record struct Plane(int Width, int Rows, int Channels, AffineMapQ16 Map, int Fill0, int Fill1, int Fill2, int Fill3);
}
