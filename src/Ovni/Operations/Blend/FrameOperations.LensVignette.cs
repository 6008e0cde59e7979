// Natural lens vignetting with FFmpeg's definition, on the CPU twin or the CUDA kernel.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

public static partial class FrameOperations
{
    /// <summary>
    /// In place: natural lens vignetting, the function FFmpeg's <c>vignette</c> filter computes (forward, default centre
    /// and aspect, <c>dither=0</c>): each luma sample is scaled by f = cos⁴(<paramref name="angle"/> · d / d_max) about 0
    /// and each chroma sample about 127, truncated, with d the whole-pixel distance from the frame's centre and d_max
    /// half the diagonal; chroma takes the factor of its top-left luma pixel. Unlike <see cref="Vignette"/> (a soft
    /// fall-off towards black/grey) this darkens towards code value 0, as the FFmpeg filter does. 8-bit YUV.
    /// </summary>
    /// <param name="frame">The frame, changed in place.</param>
    /// <param name="angle">Lens angle in radians, clipped to [0, π/2]; FFmpeg's default is π/5. Animatable.</param>
    public static GpuFrame LensVignette(this GpuFrame frame, OperationValue<double> angle)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(LensVignette), frame, s_planar8);
        double a = Math.Clamp(Finite(angle.At(OperationFrames.TimeOf(frame))), 0, Math.PI / 2);
        LensVignetteMap map = LensVignetteMaps.Get(frame.Width, frame.Height, a);
        OperationFrames.PrepareInPlace(frame);
        PixelFormatInfo info = frame.FormatInfo;
        CudaDeviceBuffer? table = OperationFrames.Cuda(frame) is CudaDevice device ? DeviceFactors(device, map) : null;
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            int width = OperationFrames.PlanePixels(frame, p), rows = frame.GetPlaneHeight(p);
            int channels = OperationFrames.Channels(frame, p);
            int subX = p == 0 ? 0 : info.Log2ChromaWidth, subY = p == 0 ? 0 : info.Log2ChromaHeight, centre = p == 0 ? 0 : 127;
            if (OperationFrames.Cuda(frame) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.LensVignettePlane);
                call.AddPlane(frame, p);
                call.AddInt32(width);
                call.AddInt32(rows);
                call.AddInt32(channels);
                call.AddInt32(subX);
                call.AddInt32(subY);
                call.AddInt32(centre);
                call.AddBuffer(table!);
                call.AddInt32(frame.Width);
                OperationFrames.Launch(cuda, ref call, width, rows);
                continue;
            }
            unsafe
            {
                PlaneBlend.LensVignettePlaneMapped(OperationFrames.Host(frame, p), frame.GetPitch(p), width * channels, rows, centre,
                    map.PlaneFactors(width, rows, channels, subX, subY));
            }
        }
        return frame;
    }

    private static CudaDeviceBuffer DeviceFactors(CudaDevice device, LensVignetteMap map) =>
        KernelCatalogLaunchers.TablesFor(device).Get(map.DeviceKind, BitConverter.DoubleToInt64Bits(map.Angle), map.Int32Table);
}
