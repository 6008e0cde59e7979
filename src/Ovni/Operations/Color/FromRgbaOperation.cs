// Why: RGBA -> YUV for every supported layout (4:2:0 chroma as the rounded mean of each 2x2 block), on the CPU twins
// (row bands across cores) or the CUDA kernels, with the matrix and range of the target's tags.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>An RGBA frame written as YUV into another frame (<see cref="FrameOperations.FromRgba"/>).</summary>
internal readonly struct FromRgbaOperation : IDeviceWork
{
    private readonly GpuFrame _source, _target;
    private readonly ColorMatrix _matrix;
    private readonly YuvRange _range;

    internal FromRgbaOperation(GpuFrame source, GpuFrame target, ColorMatrix matrix, YuvRange range)
    {
        _source = source;
        _target = target;
        _matrix = matrix;
        _range = range;
    }

    /// <summary>A new YUV frame of <paramref name="format"/>, tagged with <paramref name="color"/> or the RGBA frame's tags.</summary>
    /// <exception cref="FrameOperationException">The frame is not RGBA, or the target format has no kernel.</exception>
    public static GpuFrame Apply(GpuFrame frame, PixelFormat format, ColorInfo? color)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.FromRgba), frame, FrameRequirements.Rgba);
        if (Array.IndexOf(FrameRequirements.Yuv, format) < 0)
            throw new FrameOperationException($"{nameof(FrameOperations.FromRgba)}: no conversion kernel writes {format}; use one of {string.Join(", ", FrameRequirements.Yuv)}.");
        ColorInfo tags = color ?? frame.Color;
        ColorMatrix matrix = FrameColors.MatrixOf(tags, frame.Width, frame.Height);
        YuvRange range = tags.Range == ColorRange.Full || format is PixelFormat.Yuvj420P or PixelFormat.Yuvj444P ? YuvRange.Full : YuvRange.Limited;
        GpuFrame target = frame.RentLike(format, frame.Width, frame.Height);
        target.Color = tags;
        return OutputFrames.Produce(frame, target, new FromRgbaOperation(frame, target, matrix, range));
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        var band = new ColorConversionBand(_target, _source, toRgba: false, _matrix, _range);
        RowBands.Run(band.Units, ToRgbaOperation.MinRowsPerBand / band.RowsPerUnit, band);
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        int w = _source.Width, h = _source.Height;
        KernelSignature kernel = _target.Format switch
        {
            PixelFormat.Nv12 => KernelCatalog.RgbaToNv12,
            PixelFormat.P010 => KernelCatalog.RgbaToP010,
            PixelFormat.Yuv444P or PixelFormat.Yuvj444P => KernelCatalog.RgbaToYuv444P,
            _ => KernelCatalog.RgbaToYuv420P,
        };
        CudaKernelCall call = kernels.Call(kernel);
        call.AddPlane(_source, 0);
        for (int p = 0; p < _target.PlaneCount; p++) call.AddPlane(_target, p);
        call.AddInt32(w);
        call.AddInt32(h);
        call.AddInt32((int)_matrix);
        call.AddInt32((int)_range);
        bool perPixel = kernel == KernelCatalog.RgbaToYuv444P;
        kernels.Launch(ref call, perPixel ? w : (w + 1) / 2, perPixel ? h : (h + 1) / 2);
    }
}
