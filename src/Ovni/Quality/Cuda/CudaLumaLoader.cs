// Why: decoded device frames hold luma as 8-bit samples (NV12, yuv420p) or 16-bit words (P010 with the value in the
// high bits, yuv420p10le in the low bits); the VMAF feature kernels read packed 16-bit luma, the samples the CPU
// extractors take. This queues ovni_vmaf_load_luma (native/kernels/vmaf_luma.cu) to convert one into the other on
// the device, so scoring never downloads a frame.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Quality.Cuda;

/// <summary>Turns a device luma plane into the packed 16-bit buffer the VMAF feature kernels read.</summary>
internal static class CudaLumaLoader
{
    /// <summary>
    /// Queues the conversion of the luma plane at <paramref name="srcDevicePtr"/> (rows <paramref name="srcPitch"/>
    /// bytes apart, <paramref name="bytesPerSample"/> 1 or 2, 16-bit samples shifted right by <paramref name="shift"/>:
    /// 6 for P010, 0 for yuv420p10le) into <paramref name="destination"/> on the device's stream.
    /// </summary>
    /// <exception cref="OvniException">A size, pitch, shift or buffer does not fit, checked before anything is launched.</exception>
    public static void Load(CudaKernels kernels, ulong srcDevicePtr, int srcPitch, int width, int height,
                            int bytesPerSample, int shift, CudaDeviceBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(destination);
        const string What = "VMAF luma load";
        if (width <= 0 || height <= 0)
            throw new OvniException($"{What}: plane size {width}x{height} must be positive.");
        if (bytesPerSample is not (1 or 2))
            throw new OvniException($"{What}: {bytesPerSample} bytes per sample; luma samples are 1 or 2 bytes.");
        if (shift < 0 || shift > 8 * (bytesPerSample - 1))
            throw new OvniException($"{What}: a shift of {shift} does not apply to {bytesPerSample}-byte samples.");
        if (srcDevicePtr == 0)
            throw new OvniException($"{What}: the source plane has no device address.");
        if ((long)srcPitch < (long)width * bytesPerSample)
            throw new OvniException($"{What}: source pitch {srcPitch} is smaller than a row of {width} x {bytesPerSample} bytes.");
        int destinationPitch = CudaVifLumaPlane.PitchOf(destination, width, height, kernels.Device, What);

        CudaKernelCall call = kernels.Call(KernelCatalog.VmafLoadLuma);
        call.AddPlane(srcDevicePtr, srcPitch);
        call.AddPlane(destination, destinationPitch);
        call.AddInt32(width);
        call.AddInt32(height);
        call.AddInt32(bytesPerSample);
        call.AddInt32(shift);
        kernels.Launch(ref call, width, height);
    }
}
