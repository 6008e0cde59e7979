// Why: the definition of a resize (which target sizes and source formats are valid on which device, checked before
// an output frame is rented) and its two forms. Resizing is per plane (each with its own size and interleave) through
// one of four kernels; Lanczos reads a weight table built once per process on the host and once per device on the GPU.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>A resize of a frame to <see cref="Width"/> x <see cref="Height"/> with <see cref="Filter"/> (<see cref="FrameOperations.Scale"/>).</summary>
internal readonly unsafe struct ScaleOperation : IDeviceWork
{
    /// <summary>Largest target side.</summary>
    public const int MaxSide = 16384;

    private const int MinRowsPerBand = 32;
    private static readonly Lazy<int[]> s_lanczosTable = new(PlaneScale.CreateLanczos3Table);

    private readonly GpuFrame? _source, _target;

    /// <param name="width">Target width, 1..16384.</param>
    /// <param name="height">Target height, 1..16384.</param>
    /// <param name="filter">Resampling filter.</param>
    public ScaleOperation(int width, int height, ScaleFilter filter)
    {
        Width = width;
        Height = height;
        Filter = filter;
    }

    private ScaleOperation(ScaleOperation definition, GpuFrame source, GpuFrame target)
        : this(definition.Width, definition.Height, definition.Filter)
    {
        _source = source;
        _target = target;
    }

    /// <summary>Target width.</summary>
    public int Width { get; }

    /// <summary>Target height.</summary>
    public int Height { get; }

    /// <summary>Resampling filter.</summary>
    public ScaleFilter Filter { get; }

    /// <summary>Throws unless <paramref name="frame"/> can be resized as requested.</summary>
    /// <exception cref="FrameOperationException">A side out of range, an unknown filter, or an odd size for 4:2:0 frames on CUDA.</exception>
    public void Validate(GpuFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (Width <= 0 || Height <= 0 || Width > MaxSide || Height > MaxSide)
            throw new FrameOperationException($"Scale: target size {Width}x{Height} must be 1..{MaxSide} each way.");
        if (!Enum.IsDefined(Filter))
            throw new FrameOperationException($"Scale: {Filter} is not a ScaleFilter.");
        if (frame.Device.Kind == DeviceKind.Cuda && frame.FormatInfo.Log2ChromaWidth != 0 && ((Width | Height) & 1) != 0)
            throw new FrameOperationException($"Scale: CUDA frames of {frame.FormatInfo.Name} need an even size, not {Width}x{Height}.");
    }

    /// <summary>A new frame of <paramref name="frame"/>'s format resized as defined.</summary>
    /// <exception cref="FrameOperationException">Unsupported format, or a size that cannot be made.</exception>
    public GpuFrame Apply(GpuFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.Scale), frame, FrameRequirements.Resamplable);
        Validate(frame);
        GpuFrame target = frame.RentLike(frame.Format, Width, Height);
        return OutputFrames.Produce(frame, target, new ScaleOperation(this, frame, target));
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        GpuFrame source = _source!, target = _target!;
        for (int p = 0; p < source.PlaneCount; p++)
        {
            int channels = source.GetPlaneChannels(p);
            int sw = source.GetPlanePixels(p), sh = source.GetPlaneHeight(p);
            int dw = target.GetPlanePixels(p), dh = target.GetPlaneHeight(p);
            byte* src = source.GetHostPlane(p), dst = target.GetHostPlane(p);
            int ps = source.GetPitch(p), pd = target.GetPitch(p);
            if (Filter == ScaleFilter.Area)
            {
                PlaneScale.ScalePlaneArea(src, ps, sw, sh, dst, pd, dw, dh, channels);
                continue;
            }

            // Each band recomputes the few source rows its first output rows share with the previous band.
            var band = new ScaleBand(src, ps, sw, sh, dst, pd, dw, dh, channels, Filter,
                Filter == ScaleFilter.Lanczos3 ? s_lanczosTable.Value : null);
            RowBands.Run(dh, MinRowsPerBand, band);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        GpuFrame source = _source!, target = _target!;
        KernelSignature kernel = Filter switch
        {
            ScaleFilter.Bicubic => KernelCatalog.ScalePlaneBicubic,
            ScaleFilter.Lanczos3 => KernelCatalog.ScalePlaneLanczos3,
            ScaleFilter.Area => KernelCatalog.ScalePlaneArea,
            _ => KernelCatalog.ScalePlaneBilinear,
        };
        for (int p = 0; p < source.PlaneCount; p++)
        {
            int dw = target.GetPlanePixels(p), dh = target.GetPlaneHeight(p);
            CudaKernelCall call = kernels.Call(kernel);
            call.AddPlane(source, p);
            call.AddInt32(source.GetPlanePixels(p));
            call.AddInt32(source.GetPlaneHeight(p));
            call.AddPlane(target, p);
            call.AddInt32(dw);
            call.AddInt32(dh);
            call.AddInt32(source.GetPlaneChannels(p));
            if (Filter == ScaleFilter.Lanczos3) call.AddBuffer(kernels.Table("lanczos3", 0, static () => s_lanczosTable.Value));
            kernels.Launch(ref call, dw, dh);
        }
    }
}
