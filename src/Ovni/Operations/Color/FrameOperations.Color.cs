// Colour conversion between the YUV layouts decoders/encoders use and the RGBA that overlays, masks and
// compositing work in.
using Ovni.Kernels;
using Ovni.Operations;

namespace Ovni;

/// <summary>
/// Per-frame pixel operations on <see cref="GpuFrame"/>s, dispatched by the frame's device to the CPU SIMD twins or
/// to the CUDA kernels (the two produce identical pixels). Operations documented "in place" change the frame
/// (making it writable first) and return it; the others return a new pooled frame the caller must dispose and
/// leave the input untouched.
/// </summary>
public static partial class FrameOperations
{
    /// <summary>
    /// A new RGBA frame (R in the lowest byte, alpha 255) with the picture of a YUV420P, NV12, P010 or YUV444P frame.
    /// The matrix and range come from the frame's colour tags (untagged: BT.709 from 1280x720 up, else BT.601; limited
    /// range unless tagged full or yuvj). The output keeps the input's tags so <see cref="FromRgba"/> restores them.
    /// </summary>
    /// <exception cref="OvniException">The frame's format has no conversion kernel.</exception>
    public static GpuFrame ToRgba(this GpuFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return ToRgbaOperation.Apply(frame, FrameColors.MatrixOf(frame), FrameColors.RangeOf(frame));
    }

    /// <summary>A new RGBA frame converted with an explicit matrix and range (see <see cref="ToRgba(GpuFrame)"/>).</summary>
    internal static GpuFrame ToRgba(this GpuFrame frame, ColorMatrix matrix, YuvRange range) => ToRgbaOperation.Apply(frame, matrix, range);

    /// <summary>
    /// A new YUV frame of <paramref name="format"/> (YUV420P, NV12, P010 or YUV444P) from an RGBA frame. Chroma of
    /// 4:2:0 targets is the rounded mean of each 2x2 block. Matrix and range come from <paramref name="color"/> or, when
    /// null, from the RGBA frame's tags (as <see cref="ToRgba(GpuFrame)"/> left them); the output is tagged with them.
    /// </summary>
    /// <exception cref="OvniException">The frame is not RGBA, the target has no kernel, or 4:2:0 with odd size.</exception>
    public static GpuFrame FromRgba(this GpuFrame frame, PixelFormat format, ColorInfo? color = null) => FromRgbaOperation.Apply(frame, format, color);
}
