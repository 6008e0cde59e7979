// Alpha masks on RGBA frames: they prepare an image (a webcam, a green-screen shot) for Overlay.
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// In place on an RGBA frame: alpha is multiplied by each pixel's coverage (4x4 subsamples) of the rectangle with
    /// corners rounded to <paramref name="radius"/> pixels (clamped to half the shorter side); premultiplied frames
    /// scale R, G, B too.
    /// </summary>
    public static GpuFrame RoundCorners(this GpuFrame frame, OperationValue<int> radius, bool premultiplied = false) =>
        RoundCornersOperation.Apply(frame, radius, premultiplied);

    /// <summary>
    /// In place on an RGBA frame: pixels whose 8-bit chroma (U, V under the frame's matrix and range) lies within
    /// <paramref name="similarity"/> of the key colour's become transparent; up to similarity + <paramref name="blend"/>
    /// their alpha ramps back linearly in squared distance. Both are fractions of the largest chroma distance
    /// (255·√2 code values), the unit of FFmpeg's chromakey and of <see cref="ChromaKeyToRgba"/>; each becomes a whole
    /// number of code values (0..362).
    /// </summary>
    /// <param name="frame">An RGBA frame, changed in place.</param>
    /// <param name="key">The colour to remove.</param>
    /// <param name="similarity">Distance keyed out completely, 0..1. Animatable.</param>
    /// <param name="blend">Width of the soft edge beyond it, 0..1. Animatable.</param>
    public static GpuFrame ChromaKey(this GpuFrame frame, RgbaColor key, OperationValue<double> similarity, OperationValue<double> blend) =>
        ChromaKeyOperation.Apply(frame, key, similarity, blend);
}
