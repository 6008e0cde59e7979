// Grid and block sizes of a launch, as CUDA's dim3.
namespace Ovni.Devices.Cuda;

/// <summary>A launch extent in x, y and z (CUDA's <c>dim3</c>).</summary>
/// <param name="X">Extent in x.</param>
/// <param name="Y">Extent in y.</param>
/// <param name="Z">Extent in z.</param>
internal readonly record struct CudaDim3(uint X, uint Y = 1, uint Z = 1)
{
    /// <summary>The grid that covers <paramref name="width"/> x <paramref name="height"/> items with blocks of <paramref name="block"/>.</summary>
    public static CudaDim3 GridFor(int width, int height, CudaDim3 block)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return new CudaDim3(((uint)width + block.X - 1) / block.X, ((uint)height + block.Y - 1) / block.Y);
    }
}
