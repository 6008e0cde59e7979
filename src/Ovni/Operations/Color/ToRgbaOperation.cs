// Why: YUV -> RGBA for every supported layout, on the CPU twins (row bands across cores) or the CUDA kernels; the two
// agree bit for bit because both take the same matrix and range, derived from the frame's tags by FrameColors.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>A YUV frame written as RGBA into another frame (<see cref="FrameOperations.ToRgba(GpuFrame)"/>).</summary>
internal readonly struct ToRgbaOperation : IDeviceWork
{
    // Below this many rows per band a thread hand-off costs more than it saves (a 1080p frame splits in two).
    internal const int MinRowsPerBand = 128;

    private readonly GpuFrame _source, _target;
    private readonly ColorMatrix _matrix;
    private readonly YuvRange _range;

    internal ToRgbaOperation(GpuFrame source, GpuFrame target, ColorMatrix matrix, YuvRange range)
    {
        _source = source;
        _target = target;
        _matrix = matrix;
        _range = range;
    }

    /// <summary>A new RGBA frame converted with <paramref name="matrix"/> and <paramref name="range"/>.</summary>
    /// <exception cref="FrameOperationException">The frame's format has no conversion kernel.</exception>
    public static GpuFrame Apply(GpuFrame frame, ColorMatrix matrix, YuvRange range)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.ToRgba), frame, FrameRequirements.Yuv);
        GpuFrame target = frame.RentLike(PixelFormat.Rgba, frame.Width, frame.Height);
        return OutputFrames.Produce(frame, target, new ToRgbaOperation(frame, target, matrix, range));
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        var band = new ColorConversionBand(_source, _target, toRgba: true, _matrix, _range);
        RowBands.Run(band.Units, MinRowsPerBand / band.RowsPerUnit, band);
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        int w = _source.Width, h = _source.Height;
        KernelSignature kernel = _source.Format switch
        {
            PixelFormat.Nv12 => KernelCatalog.Nv12ToRgba,
            PixelFormat.P010 => KernelCatalog.P010ToRgba,
            PixelFormat.Yuv444P or PixelFormat.Yuvj444P => KernelCatalog.Yuv444PToRgba,
            _ => KernelCatalog.Yuv420PToRgba,
        };
        CudaKernelCall call = kernels.Call(kernel);
        for (int p = 0; p < _source.PlaneCount; p++) call.AddPlane(_source, p);
        call.AddPlane(_target, 0);
        call.AddInt32(w);
        call.AddInt32(h);
        call.AddInt32((int)_matrix);
        call.AddInt32((int)_range);
        kernels.Launch(ref call, w, h);
    }
}
