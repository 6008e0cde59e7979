// Resizing frames: the same filter on every plane, chroma planes at their own (subsampled) size.
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// A new frame of the same format resized to <paramref name="width"/> x <paramref name="height"/>. Every plane is
    /// resampled on a centre-aligned grid (src = (dst + 0.5) x srcSize / dstSize - 0.5) with edge samples repeated;
    /// chroma planes of 4:2:0 formats go from ceil(w/2) to ceil(width/2) samples. Bilinear, bicubic and Lanczos do not
    /// widen for reductions beyond 2x (use <see cref="ScaleFilter.Area"/>). 8-bit formats and RGBA.
    /// </summary>
    /// <exception cref="OvniException">Unsupported format, or a size that is not positive (or odd for 4:2:0 on CUDA).</exception>
    public static GpuFrame Scale(this GpuFrame frame, int width, int height, ScaleFilter filter = ScaleFilter.Bicubic) =>
        new ScaleOperation(width, height, filter).Apply(frame);
}
