// Why: the overlay kernels on either backend, plus the sub-pixel shift that makes fractional positions
// (smooth motion) possible: shift the overlay by the fraction into a one-pixel-larger premultiplied image,
// then blend that at the integer position.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Runs the overlay and shift kernels for <see cref="FrameOperations.Overlay"/>.</summary>
internal static unsafe class OverlayWorkers
{
    /// <summary>Blends <paramref name="overlay"/> onto <paramref name="frame"/> at integer (x, y).</summary>
    public static void Blend(GpuFrame frame, GpuFrame overlay, int x, int y, int opacity, bool premultiplied, ColorMatrix matrix, YuvRange range)
    {
        int ow = overlay.Width, oh = overlay.Height;
        bool nv12 = frame.Format == PixelFormat.Nv12;
        if (OperationFrames.Cuda(frame) is CudaDevice cuda)
        {
            CudaKernelCall call = OperationFrames.Call(cuda, nv12 ? KernelCatalog.OverlayRgbaNv12 : KernelCatalog.OverlayRgbaYuv420P);
            for (int p = 0; p < frame.PlaneCount; p++) call.AddPlane(frame, p);
            call.AddInt32(frame.Width);
            call.AddInt32(frame.Height);
            call.AddPlane(overlay, 0);
            call.AddInt32(ow);
            call.AddInt32(oh);
            call.AddInt32(x);
            call.AddInt32(y);
            call.AddInt32(opacity);
            call.AddInt32(premultiplied ? 1 : 0);
            call.AddInt32((int)matrix);
            call.AddInt32((int)range);
            OperationFrames.Launch(cuda, ref call, (ow / 2) + 1, (oh / 2) + 1);
            return;
        }
        byte* src = OperationFrames.Host(overlay, 0);
        if (nv12)
        {
            RgbaOverlay.OverlayRgbaNv12(OperationFrames.Host(frame, 0), frame.GetPitch(0), OperationFrames.Host(frame, 1), frame.GetPitch(1),
                frame.Width, frame.Height, src, overlay.GetPitch(0), ow, oh, x, y, opacity, premultiplied, matrix, range);
        }
        else
        {
            RgbaOverlay.OverlayRgbaYuv420P(OperationFrames.Host(frame, 0), frame.GetPitch(0), OperationFrames.Host(frame, 1), frame.GetPitch(1),
                OperationFrames.Host(frame, 2), frame.GetPitch(2), frame.Width, frame.Height, src, overlay.GetPitch(0), ow, oh, x, y,
                opacity, premultiplied, matrix, range);
        }
    }

    /// <summary>Shifts <paramref name="overlay"/> by (fx, fy)/256 into <paramref name="shifted"/> ((w+1) x (h+1), premultiplied).</summary>
    public static void Shift(GpuFrame overlay, GpuFrame shifted, int fx, int fy, bool premultiplied)
    {
        int ow = overlay.Width, oh = overlay.Height;
        if (OperationFrames.Cuda(overlay) is CudaDevice cuda)
        {
            CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.ShiftRgbaSubpixel);
            call.AddPlane(overlay, 0);
            call.AddInt32(ow);
            call.AddInt32(oh);
            call.AddPlane(shifted, 0);
            call.AddInt32(fx);
            call.AddInt32(fy);
            call.AddInt32(premultiplied ? 1 : 0);
            OperationFrames.Launch(cuda, ref call, ow + 1, oh + 1);
            return;
        }
        RgbaOverlay.ShiftSubpixel(OperationFrames.Host(overlay, 0), overlay.GetPitch(0), ow, oh,
            OperationFrames.Host(shifted, 0), shifted.GetPitch(0), fx, fy, premultiplied);
    }
}
