// Green-screen keying of YUV footage with FFmpeg's chromakey function, into an RGBA frame ready to overlay.
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// A new RGBA frame: <see cref="ToRgba(GpuFrame)"/> of this YUV frame with alpha from a chroma key computed exactly as
    /// FFmpeg's <c>chromakey</c> filter does (key U, V from <paramref name="key"/> with its BT.601 fixed-point formula; per
    /// pixel the mean over the 3×3 neighbourhood of sqrt((du² + dv²) / (2·255²)); alpha = (diff − similarity) / blend
    /// clamped to 0..1, times 255, truncated; a hard key when blend ≤ 0.0001). Neighbours beyond the frame repeat the
    /// edge. 8-bit planar YUV (yuv420p, yuv444p).
    /// </summary>
    /// <param name="frame">Green-screen footage.</param>
    /// <param name="key">The colour to remove.</param>
    /// <param name="similarity">0.01 keys only the exact colour, 1 everything (FFmpeg's default 0.01). Animatable.</param>
    /// <param name="blend">0 gives a hard key; larger values a softer edge (FFmpeg's default 0). Animatable.</param>
    /// <exception cref="OvniException">Unsupported format.</exception>
    public static GpuFrame ChromaKeyToRgba(this GpuFrame frame, RgbaColor key, OperationValue<double> similarity, OperationValue<double> blend) =>
        ChromaKeyToRgbaOperation.Apply(frame, key, similarity, blend);
}
