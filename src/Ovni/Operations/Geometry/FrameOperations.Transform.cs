// Affine transforms (zoom, rotation about a point, drift) with bilinear sampling (TransformOperation).
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// A new frame of the same size and format showing this frame's picture under <paramref name="transform"/>, sampled
    /// bilinearly (each plane on its own grid, chroma at its subsampled positions). Where the transformed picture does
    /// not cover the frame, <paramref name="background"/> shows: by default transparent for RGBA and black for YUV;
    /// edges blend into it over one pixel. RGBA channels are interpolated independently (exact for premultiplied alpha).
    /// </summary>
    /// <exception cref="OvniException">Unsupported format, or a transform that cannot be inverted (a zero or non-finite value).</exception>
    public static GpuFrame Transform(this GpuFrame frame, FrameTransform transform, RgbaColor? background = null) =>
        TransformOperation.Apply(frame, transform, background);
}
