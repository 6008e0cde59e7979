// Why: alpha masks on RGBA frames (rounded corners for picture-in-picture, chroma key for green screen) on either backend.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Runs the mask kernels.</summary>
internal static unsafe class MaskWorkers
{
    /// <summary>In place: rounded-corner alpha.</summary>
    public static void RoundCorners(GpuFrame frame, int radius, bool premultiplied)
    {
        if (OperationFrames.Cuda(frame) is CudaDevice cuda)
        {
            CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.RoundCornersRgba);
            call.AddPlane(frame, 0);
            call.AddInt32(frame.Width);
            call.AddInt32(frame.Height);
            call.AddInt32(radius);
            call.AddInt32(premultiplied ? 1 : 0);
            OperationFrames.Launch(cuda, ref call, frame.Width, frame.Height);
            return;
        }
        RgbaMask.RoundCorners(OperationFrames.Host(frame, 0), frame.GetPitch(0), frame.Width, frame.Height, radius, premultiplied);
    }

    /// <summary>In place: chroma key.</summary>
    public static void ChromaKey(GpuFrame frame, int keyU, int keyV, int threshold, int softness, ColorMatrix matrix, YuvRange range)
    {
        if (OperationFrames.Cuda(frame) is CudaDevice cuda)
        {
            CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.ChromaKeyRgba);
            call.AddPlane(frame, 0);
            call.AddInt32(frame.Width);
            call.AddInt32(frame.Height);
            call.AddInt32(keyU);
            call.AddInt32(keyV);
            call.AddInt32(threshold);
            call.AddInt32(softness);
            call.AddInt32((int)matrix);
            call.AddInt32((int)range);
            OperationFrames.Launch(cuda, ref call, frame.Width, frame.Height);
            return;
        }
        var band = new ChromaKeyBand(OperationFrames.Host(frame, 0), frame.GetPitch(0), frame.Width, keyU, keyV, threshold, softness, matrix, range);
        RowBands.Run(frame.Height, 64, band);
    }
}
