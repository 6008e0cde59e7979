// Why: resizing is per plane (each with its own size and interleave), through one of four kernels; Lanczos reads a
// weight table that is built once per process on the host and once per device on the GPU.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Runs the scale kernels over every plane.</summary>
internal static unsafe class ScaleWorkers
{
    private const int MinRowsPerBand = 32;
    private static readonly Lazy<int[]> s_lanczosTable = new(PlaneScale.CreateLanczos3Table);

    /// <summary>Resizes each plane of <paramref name="source"/> into <paramref name="target"/> (same format).</summary>
    public static void Scale(GpuFrame source, GpuFrame target, ScaleFilter filter)
    {
        for (int p = 0; p < source.PlaneCount; p++)
        {
            int channels = OperationFrames.Channels(source, p);
            int sw = OperationFrames.PlanePixels(source, p), sh = source.GetPlaneHeight(p);
            int dw = OperationFrames.PlanePixels(target, p), dh = target.GetPlaneHeight(p);
            if (OperationFrames.Cuda(source) is CudaDevice cuda)
            {
                KernelSignature kernel = filter switch
                {
                    ScaleFilter.Bicubic => KernelCatalog.ScalePlaneBicubic,
                    ScaleFilter.Lanczos3 => KernelCatalog.ScalePlaneLanczos3,
                    ScaleFilter.Area => KernelCatalog.ScalePlaneArea,
                    _ => KernelCatalog.ScalePlaneBilinear,
                };
                CudaKernelCall call = OperationFrames.Call(cuda, kernel);
                call.AddPlane(source, p);
                call.AddInt32(sw);
                call.AddInt32(sh);
                call.AddPlane(target, p);
                call.AddInt32(dw);
                call.AddInt32(dh);
                call.AddInt32(channels);
                if (filter == ScaleFilter.Lanczos3)
                    call.AddBuffer(KernelCatalogLaunchers.TablesFor(cuda).Get("lanczos3", 0, () => s_lanczosTable.Value));
                OperationFrames.Launch(cuda, ref call, dw, dh);
                continue;
            }
            byte* src = OperationFrames.Host(source, p), dst = OperationFrames.Host(target, p);
            int ps = source.GetPitch(p), pd = target.GetPitch(p);
            if (filter == ScaleFilter.Area)
            {
                PlaneScale.ScalePlaneArea(src, ps, sw, sh, dst, pd, dw, dh, channels);
                continue;
            }

            // Each band recomputes the few source rows its first output rows share with the previous band.
            var band = new ScaleBand(src, ps, sw, sh, dst, pd, dw, dh, channels, filter,
                filter == ScaleFilter.Lanczos3 ? s_lanczosTable.Value : null);
            RowBands.Run(dh, MinRowsPerBand, band);
        }
    }
}
