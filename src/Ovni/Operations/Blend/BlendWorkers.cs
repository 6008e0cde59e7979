// Why: the per-plane mixing kernels (cross-fade, fade to colour, filled rectangles, vignette) launched over every
// plane of a frame with each plane's own size, on the CPU twins or CUDA.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Runs the blend-module kernels plane by plane.</summary>
internal static unsafe class BlendWorkers
{
    /// <summary>dst = a x (256 - weight) + b x weight, per plane (dst may be a).</summary>
    public static void CrossFade(GpuFrame a, GpuFrame b, GpuFrame dst, int weight)
    {
        bool p010 = a.Format == PixelFormat.P010;
        for (int p = 0; p < a.PlaneCount; p++)
        {
            int bytes = a.FormatInfo.PlaneWidthBytes(p, a.Width), rows = a.GetPlaneHeight(p);
            int units = p010 ? bytes / 2 : bytes;
            if (OperationFrames.Cuda(a) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, p010 ? KernelCatalog.BlendPlaneP010 : KernelCatalog.BlendPlane);
                call.AddPlane(a, p);
                call.AddPlane(b, p);
                call.AddPlane(dst, p);
                call.AddInt32(units);
                call.AddInt32(rows);
                call.AddInt32(weight);
                OperationFrames.Launch(cuda, ref call, units, rows);
            }
            else if (p010)
            {
                PlaneBlend.BlendPlaneP010(OperationFrames.Host(a, p), a.GetPitch(p), OperationFrames.Host(b, p), b.GetPitch(p),
                    OperationFrames.Host(dst, p), dst.GetPitch(p), units, rows, weight);
            }
            else
            {
                PlaneBlend.BlendPlane(OperationFrames.Host(a, p), a.GetPitch(p), OperationFrames.Host(b, p), b.GetPitch(p),
                    OperationFrames.Host(dst, p), dst.GetPitch(p), units, rows, weight);
            }
        }
    }

    /// <summary>In place: each plane towards its value of (Y, U, V) by weight/256.</summary>
    public static void Fade(GpuFrame frame, (int Y, int U, int V) value, int weight)
    {
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            (int even, int odd) = PlaneValues(frame, p, value);
            int bytes = frame.FormatInfo.PlaneWidthBytes(p, frame.Width), rows = frame.GetPlaneHeight(p);
            if (OperationFrames.Cuda(frame) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.FadePlane);
                call.AddPlane(frame, p);
                call.AddPlane(frame, p);
                call.AddInt32(bytes);
                call.AddInt32(rows);
                call.AddInt32(even);
                call.AddInt32(odd);
                call.AddInt32(weight);
                OperationFrames.Launch(cuda, ref call, bytes, rows);
            }
            else
            {
                byte* plane = OperationFrames.Host(frame, p);
                PlaneBlend.FadePlane(plane, frame.GetPitch(p), plane, frame.GetPitch(p), bytes, rows, even, odd, weight);
            }
        }
    }

    /// <summary>In place: blends (Y, U, V) with alpha/256 over the luma rectangle (chroma: the blocks it touches).</summary>
    public static void FillRect(GpuFrame frame, System.Drawing.Rectangle rect, (int Y, int U, int V) value, int alpha)
    {
        PixelFormatInfo info = frame.FormatInfo;
        int left = Math.Max(rect.Left, 0), top = Math.Max(rect.Top, 0);
        int right = Math.Min(rect.Right, frame.Width), bottom = Math.Min(rect.Bottom, frame.Height);
        if (left >= right || top >= bottom) return;
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            bool chroma = p > 0;
            int sx = chroma ? info.Log2ChromaWidth : 0, sy = chroma ? info.Log2ChromaHeight : 0;
            int x0 = left >> sx, x1 = -((-right) >> sx), y0 = top >> sy, y1 = -((-bottom) >> sy);
            int channels = OperationFrames.Channels(frame, p);
            (int even, int odd) = PlaneValues(frame, p, value);
            int planeBytes = info.PlaneWidthBytes(p, frame.Width), rows = frame.GetPlaneHeight(p);
            int bx = x0 * channels, bw = (x1 - x0) * channels, bh = y1 - y0;
            if (OperationFrames.Cuda(frame) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.FillRectPlane);
                call.AddPlane(frame, p);
                call.AddInt32(planeBytes);
                call.AddInt32(rows);
                call.AddInt32(bx);
                call.AddInt32(y0);
                call.AddInt32(bw);
                call.AddInt32(bh);
                call.AddInt32(even);
                call.AddInt32(odd);
                call.AddInt32(alpha);
                OperationFrames.Launch(cuda, ref call, bw, bh);
            }
            else
            {
                PlaneBlend.FillRectPlane(OperationFrames.Host(frame, p), frame.GetPitch(p), planeBytes, rows, bx, y0, bw, bh, even, odd, alpha);
            }
        }
    }

    /// <summary>In place: vignette on every plane (luma towards black, chroma towards grey).</summary>
    public static void Vignette(GpuFrame frame, int strength, YuvRange range)
    {
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            int width = OperationFrames.PlanePixels(frame, p), rows = frame.GetPlaneHeight(p);
            int channels = OperationFrames.Channels(frame, p);
            int centre = p == 0 ? (range == YuvRange.Limited ? 16 : 0) : 128;
            if (OperationFrames.Cuda(frame) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.VignettePlane);
                call.AddPlane(frame, p);
                call.AddInt32(width);
                call.AddInt32(rows);
                call.AddInt32(channels);
                call.AddInt32(centre);
                call.AddInt32(strength);
                OperationFrames.Launch(cuda, ref call, width, rows);
            }
            else
            {
                var band = new VignetteBand(OperationFrames.Host(frame, p), frame.GetPitch(p), width, rows, channels, centre, strength);
                RowBands.Run((rows + 1) / 2, 32, band);
            }
        }
    }

    /// <summary>The even/odd byte values of a plane: Y on luma, U or V on planar chroma, U/V interleaved on NV12.</summary>
    private static (int Even, int Odd) PlaneValues(GpuFrame frame, int plane, (int Y, int U, int V) value) => plane switch
    {
        0 => (value.Y, value.Y),
        1 when frame.Format == PixelFormat.Nv12 => (value.U, value.V),
        1 => (value.U, value.U),
        _ => (value.V, value.V),
    };
}
