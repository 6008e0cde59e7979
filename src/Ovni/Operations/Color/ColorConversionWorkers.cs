// Why: YUV <-> RGBA for every supported layout, on the CPU twins or the CUDA kernels; the two must agree bit for
// bit, so both take the same matrix/range arguments derived by OperationFrames.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Runs the colour conversion kernels for <see cref="FrameOperations.ToRgba(GpuFrame)"/> and FromRgba.</summary>
internal static unsafe class ColorConversionWorkers
{
    // Below this many rows per band a thread hand-off costs more than it saves (a 1080p frame splits in two).
    private const int MinRowsPerBand = 128;

    /// <summary>Writes <paramref name="source"/> (YUV) as RGBA into <paramref name="target"/>.</summary>
    public static void ToRgba(GpuFrame source, GpuFrame target, ColorMatrix matrix, YuvRange range)
    {
        int w = source.Width, h = source.Height;
        PixelFormat format = source.Format;
        if (OperationFrames.Cuda(source) is CudaDevice cuda)
        {
            KernelSignature kernel = format switch
            {
                PixelFormat.Nv12 => KernelCatalog.Nv12ToRgba,
                PixelFormat.P010 => KernelCatalog.P010ToRgba,
                PixelFormat.Yuv444P or PixelFormat.Yuvj444P => KernelCatalog.Yuv444PToRgba,
                _ => KernelCatalog.Yuv420PToRgba,
            };
            CudaKernelCall call = OperationFrames.Call(cuda, kernel);
            for (int p = 0; p < source.PlaneCount; p++) call.AddPlane(source, p);
            call.AddPlane(target, 0);
            call.AddInt32(w);
            call.AddInt32(h);
            call.AddInt32((int)matrix);
            call.AddInt32((int)range);
            OperationFrames.Launch(cuda, ref call, w, h);
            return;
        }
        var band = new ColorConversionBand(source, target, toRgba: true, matrix, range);
        RowBands.Run(band.Units, MinRowsPerBand / band.RowsPerUnit, band);
    }

    /// <summary>Writes <paramref name="source"/> (RGBA) into <paramref name="target"/> (YUV).</summary>
    public static void FromRgba(GpuFrame source, GpuFrame target, ColorMatrix matrix, YuvRange range)
    {
        int w = source.Width, h = source.Height;
        PixelFormat format = target.Format;
        if (OperationFrames.Cuda(source) is CudaDevice cuda)
        {
            KernelSignature kernel = format switch
            {
                PixelFormat.Nv12 => KernelCatalog.RgbaToNv12,
                PixelFormat.P010 => KernelCatalog.RgbaToP010,
                PixelFormat.Yuv444P or PixelFormat.Yuvj444P => KernelCatalog.RgbaToYuv444P,
                _ => KernelCatalog.RgbaToYuv420P,
            };
            CudaKernelCall call = OperationFrames.Call(cuda, kernel);
            call.AddPlane(source, 0);
            for (int p = 0; p < target.PlaneCount; p++) call.AddPlane(target, p);
            call.AddInt32(w);
            call.AddInt32(h);
            call.AddInt32((int)matrix);
            call.AddInt32((int)range);
            bool perPixel = kernel == KernelCatalog.RgbaToYuv444P;
            OperationFrames.Launch(cuda, ref call, perPixel ? w : (w + 1) / 2, perPixel ? h : (h + 1) / 2);
            return;
        }
        var band = new ColorConversionBand(target, source, toRgba: false, matrix, range);
        RowBands.Run(band.Units, MinRowsPerBand / band.RowsPerUnit, band);
    }
}
