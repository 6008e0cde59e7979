// Gaussian blur of whole frames (backgrounds behind titles, privacy masks, defocus transitions).
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// In place: separable Gaussian blur of every plane with <paramref name="sigma"/> in that plane's pixels (chroma of
    /// 4:2:0 is therefore blurred twice as wide in luma terms, as FFmpeg's gblur does). Taps: radius ceil(3 sigma),
    /// 14-bit integer weights; each pass rounds to 8 bits; edges repeat. Sigma 0.1..64; below 0.1 the frame is unchanged.
    /// 8-bit YUV and RGBA.
    /// </summary>
    public static GpuFrame GaussianBlur(this GpuFrame frame, OperationValue<double> sigma) => GaussianBlurOperation.Apply(frame, sigma);
}
