// Why: the VMAF feature launchers take packed 16-bit luma in device buffers that callers allocate either pitched
// (AllocatePitched(width*2, height)) or linear (Allocate(width*2*height), rows packed). One check for all of them,
// before any launch, so a wrong buffer is an OvniException naming the buffer and never a fault on the GPU.
using Ovni.Devices.Cuda;

namespace Ovni.Quality.Cuda;

/// <summary>Geometry and ownership checks of a packed 16-bit luma buffer.</summary>
internal static class CudaVifLumaPlane
{
    /// <summary>
    /// The row pitch in bytes of <paramref name="buffer"/> read as a <paramref name="width"/> x <paramref name="height"/>
    /// plane of 16-bit samples: the buffer's own pitch when it has rows, width*2 when it is linear.
    /// </summary>
    /// <exception cref="OvniException">The buffer is disposed, belongs to another context than <paramref name="device"/>, or is too small.</exception>
    public static int PitchOf(CudaDeviceBuffer buffer, int width, int height, CudaDevice device, string what)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.IsClosed)
            throw new OvniException($"{what}: the luma buffer has been disposed.");
        if (buffer.Context != device.Context)
            throw new OvniException($"{what}: the luma buffer was allocated in another CUDA context than {device.Name}'s.");
        long rowBytes = 2L * width;
        if (buffer.Height == 1 && height > 1)
        {
            if (buffer.WidthInBytes < rowBytes * height)
                throw new OvniException($"{what}: a linear luma buffer of {buffer.WidthInBytes} bytes cannot hold {width}x{height} 16-bit samples ({rowBytes * height} bytes).");
            return (int)rowBytes;
        }
        if (buffer.WidthInBytes < rowBytes || buffer.Height < height)
            throw new OvniException($"{what}: a {buffer.WidthInBytes}-byte x {buffer.Height}-row luma buffer cannot hold {width}x{height} 16-bit samples.");
        if (buffer.Pitch > int.MaxValue)
            throw new OvniException($"{what}: pitch {buffer.Pitch} does not fit a kernel's int parameter.");
        return (int)buffer.Pitch;
    }

    /// <summary>Throws unless <paramref name="bitDepth"/> is one VMAF's integer features handle (8 to 16 bits).</summary>
    public static void CheckBitDepth(int bitDepth, string what)
    {
        if (bitDepth is < 8 or > 16)
            throw new OvniException($"{what}: bit depth {bitDepth} is outside 8..16.");
    }
}
