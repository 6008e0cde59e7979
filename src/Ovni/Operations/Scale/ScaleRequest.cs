// Why: the definition of a resize: which target sizes and source formats are valid on which device, checked
// before an output frame is rented.
namespace Ovni.Operations;

/// <summary>A resize of a frame to <paramref name="Width"/> x <paramref name="Height"/> with <paramref name="Filter"/>.</summary>
/// <param name="Width">Target width, 1..16384.</param>
/// <param name="Height">Target height, 1..16384.</param>
/// <param name="Filter">Resampling filter.</param>
public readonly record struct ScaleRequest(int Width, int Height, ScaleFilter Filter)
{
    /// <summary>Largest target side.</summary>
    public const int MaxSide = 16384;

    /// <summary>Throws unless <paramref name="frame"/> can be resized as requested.</summary>
    /// <exception cref="FrameOperationException">A side out of range, an unknown filter, or an odd size for 4:2:0 frames on CUDA.</exception>
    public void Validate(GpuFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (Width <= 0 || Height <= 0 || Width > MaxSide || Height > MaxSide)
            throw new FrameOperationException($"Scale: target size {Width}x{Height} must be 1..{MaxSide} each way.");
        if (!Enum.IsDefined(Filter))
            throw new FrameOperationException($"Scale: {Filter} is not a ScaleFilter.");
        if (frame.Device.Kind == DeviceKind.Cuda && frame.FormatInfo.Log2ChromaWidth != 0 && ((Width | Height) & 1) != 0)
            throw new FrameOperationException($"Scale: CUDA frames of {frame.FormatInfo.Name} need an even size, not {Width}x{Height}.");
    }
}
