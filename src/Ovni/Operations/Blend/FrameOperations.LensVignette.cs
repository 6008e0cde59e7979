// Natural lens vignetting with FFmpeg's definition (LensVignetteOperation).
using Ovni.Operations;

namespace Ovni;

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
    public static GpuFrame LensVignette(this GpuFrame frame, OperationValue<double> angle) => LensVignetteOperation.Apply(frame, angle);
}
