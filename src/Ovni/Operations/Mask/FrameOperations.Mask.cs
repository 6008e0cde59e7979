// Alpha masks on RGBA frames: they prepare an image (a webcam, a green-screen shot) for Overlay.
namespace Ovni.Operations;

public static partial class FrameOperations
{
    /// <summary>
    /// In place on an RGBA frame: alpha is multiplied by each pixel's coverage (4x4 subsamples) of the rectangle with
    /// corners rounded to <paramref name="radius"/> pixels (clamped to half the shorter side); premultiplied frames
    /// scale R, G, B too.
    /// </summary>
    public static GpuFrame RoundCorners(this GpuFrame frame, OperationValue<int> radius, bool premultiplied = false)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(RoundCorners), frame, OperationFrames.RgbaOnly);
        int r = Math.Clamp(radius.At(OperationFrames.TimeOf(frame)), 0, Math.Min(frame.Width, frame.Height) / 2);
        OperationFrames.PrepareInPlace(frame);
        MaskWorkers.RoundCorners(frame, r, premultiplied);
        return frame;
    }

    /// <summary>
    /// In place on an RGBA frame: pixels whose 8-bit chroma (U, V under the frame's matrix and range) lies within
    /// <paramref name="threshold"/> of the key colour's become transparent; up to threshold + <paramref name="softness"/>
    /// their alpha ramps back linearly in squared distance. Distances in 8-bit chroma code values (0..362).
    /// </summary>
    public static GpuFrame ChromaKey(this GpuFrame frame, RgbaColor key, OperationValue<int> threshold, OperationValue<int> softness)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(ChromaKey), frame, OperationFrames.RgbaOnly);
        TimeSpan t = OperationFrames.TimeOf(frame);
        Kernels.ColorMatrix matrix = OperationFrames.MatrixOf(frame);
        Kernels.YuvRange range = OperationFrames.RangeOf(frame);
        ChromaKeyParameters p = ChromaKeyParameters.Resolve(key, threshold.At(t), softness.At(t), matrix, range);
        OperationFrames.PrepareInPlace(frame);
        MaskWorkers.ChromaKey(frame, p.KeyU, p.KeyV, p.Threshold, p.Softness, matrix, range);
        return frame;
    }
}
