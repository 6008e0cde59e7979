// Checks a pitched plane's geometry before it reaches a kernel: a kernel that indexes y*pitch + x with a
// wrong pitch or height reads or writes outside the allocation, which the GPU reports (if at all) as an
// unspecified launch failure far from the cause.
namespace Ovni.Devices.Cuda;

/// <summary>Validation of pitched plane geometry for kernel launches.</summary>
internal static class CudaPlaneValidation
{
    /// <summary>
    /// Throws an <see cref="OvniException"/> unless a plane of <paramref name="width"/> x <paramref name="height"/>
    /// pixels of <paramref name="bytesPerPixel"/> bytes fits rows of <paramref name="pitch"/> bytes, with
    /// <paramref name="availableRows"/> rows; with <paramref name="requireEvenDimensions"/>, both sizes must be even
    /// (4:2:0 and 4:2:2 formats).
    /// </summary>
    public static void Validate(long pitch, int availableRows, int width, int height, int bytesPerPixel, bool requireEvenDimensions)
    {
        if (width <= 0 || height <= 0)
        {
            throw new OvniException($"Plane size {width}x{height} must be positive.");
        }
        if (bytesPerPixel <= 0)
        {
            throw new OvniException($"Bytes per pixel {bytesPerPixel} must be positive.");
        }
        if (requireEvenDimensions && ((width & 1) != 0 || (height & 1) != 0))
        {
            throw new OvniException($"Plane size {width}x{height} must be even in both dimensions for a chroma-subsampled format.");
        }
        long rowBytes = (long)width * bytesPerPixel;
        if (pitch < rowBytes)
        {
            throw new OvniException($"Pitch {pitch} is smaller than a row of {width} pixels x {bytesPerPixel} bytes = {rowBytes} bytes.");
        }
        if (height > availableRows)
        {
            throw new OvniException($"Plane height {height} exceeds the buffer's {availableRows} rows.");
        }
    }
}
